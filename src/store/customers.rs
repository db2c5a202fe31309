//! Customers in the store.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    EntryRefusal, Result, Store, StoreError, WriteCtx, Writer, from_secs, journal, to_secs,
};
use crate::domain::Permission;
use crate::domain::{Customer, CustomerHistory};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCustomer {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub company: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub history: CustomerHistory,
}

pub(crate) const COLUMNS: &str = "id, name, address, phone, email, notes, tags, version, company, \
     leads, past_bookings, revenue_ore, last_contact_at";

fn history_from_row(r: &Row) -> rusqlite::Result<CustomerHistory> {
    Ok(CustomerHistory {
        leads: r.get(9)?,
        bookings: r.get(10)?,
        revenue_ore: r.get(11)?,
        last_contact: r.get::<_, Option<i64>>(12)?.map(from_secs).transpose()?,
    })
}

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Customer> {
    let tags: String = r.get(6)?;
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        address: r.get(2)?,
        phone: r.get(3)?,
        email: r.get(4)?,
        notes: r.get(5)?,
        tags: serde_json::from_str(&tags).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                6,
                rusqlite::types::Type::Text,
                e.to_string().into(),
            )
        })?,
        version: r.get(7)?,
        company: r.get(8)?,
        history: history_from_row(r)?,
    })
}

impl Store {
    pub fn add_customer(&mut self, new: NewCustomer) -> Result<Customer> {
        self.batch(|w| w.add_customer(new))
    }

    pub fn customer(&self, id: i64) -> Result<Customer> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "customer",
                id,
            })
    }

    /// Every customer, by name.
    pub fn customers(&self) -> Result<Vec<Customer>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers ORDER BY name COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The customers with these ids, by id.
    pub fn customers_by_id(
        &self,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<HashMap<i64, Customer>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"))?;
        let mut out = HashMap::new();
        for id in ids {
            if out.contains_key(&id) {
                continue;
            }
            if let Some(c) = stmt.query_row([id], from_row).optional()? {
                out.insert(id, c);
            }
        }
        Ok(out)
    }
}

impl Store {
    /// A new customer from the console: one journaled write.
    pub fn create_customer(&mut self, new: NewCustomer) -> Result<Customer> {
        self.write(Permission::Customers, |tx, ctx| {
            let c = insert(tx, ctx, &new)?;
            journal::record::<(), _>(tx, ctx, "customer.add", "customer", c.id, None, Some(&c))?;
            Ok(c)
        })
    }

    /// Writes the contact details of `edited` (name, address, phone,
    /// e-mail, notes) over the customer, when `edited.version` is still the
    /// stored one; a customer changed meanwhile by someone else is refused
    /// with who and when, not overwritten. One journaled write.
    pub fn edit_customer(&mut self, edited: &Customer) -> Result<Customer> {
        self.write(Permission::Customers, |tx, ctx| {
            super::check_version(tx, ctx, "customer", "customers", edited.id, edited.version)?;
            let before = get_in(tx, edited.id)?;
            let after = Customer {
                name: edited.name.clone(),
                address: edited.address.clone(),
                phone: edited.phone.clone(),
                email: edited.email.clone(),
                notes: edited.notes.clone(),
                ..before.clone()
            };
            let stored = update(tx, ctx, &after)?;
            journal::record(
                tx,
                ctx,
                "customer.edit",
                "customer",
                stored.id,
                Some(&before),
                Some(&stored),
            )?;
            Ok(stored)
        })
    }
}

impl Writer<'_> {
    pub fn add_customer(&self, new: NewCustomer) -> Result<Customer> {
        self.ctx.allow(Permission::Customers)?;
        let c = insert(self.tx, self.ctx, &new)?;
        journal::record::<(), _>(
            self.tx,
            self.ctx,
            "customer.add",
            "customer",
            c.id,
            None,
            Some(&c),
        )?;
        Ok(c)
    }
}

pub(crate) fn get_in(conn: &Connection, id: i64) -> Result<Customer> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "customer",
            id,
        })
}

/// Inserts a new customer; returns it as stored.
pub(crate) fn insert(conn: &Connection, ctx: &WriteCtx, new: &NewCustomer) -> Result<Customer> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(EntryRefusal::CustomerNameMissing.into());
    }
    let tags = serde_json::to_string(&new.tags).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let h = new.history;
    conn.prepare_cached(
        "INSERT INTO customers (name, address, phone, email, notes, tags, updated_at, updated_by,
                                company, leads, past_bookings, revenue_ore, last_contact_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        name,
        new.address,
        new.phone,
        new.email,
        new.notes,
        tags,
        to_secs(ctx.now),
        ctx.actor,
        new.company,
        h.leads,
        h.bookings,
        h.revenue_ore,
        h.last_contact.map(to_secs),
    ])?;
    Ok(Customer {
        id: conn.last_insert_rowid(),
        name: name.to_string(),
        address: new.address.clone(),
        phone: new.phone.clone(),
        email: new.email.clone(),
        company: new.company.clone(),
        notes: new.notes.clone(),
        tags: new.tags.clone(),
        history: new.history,
        version: 1,
    })
}

/// Writes every field of `c` over the stored row, bumping its version;
/// returns it as stored.
pub(crate) fn update(conn: &Connection, ctx: &WriteCtx, c: &Customer) -> Result<Customer> {
    if c.name.trim().is_empty() {
        return Err(EntryRefusal::CustomerNameMissing.into());
    }
    let tags = serde_json::to_string(&c.tags).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let h = c.history;
    let n = conn
        .prepare_cached(
            "UPDATE customers SET name = ?2, address = ?3, phone = ?4, email = ?5, notes = ?6,
               tags = ?7, company = ?8, leads = ?9, past_bookings = ?10, revenue_ore = ?11,
               last_contact_at = ?12, version = version + 1, updated_at = ?13, updated_by = ?14
             WHERE id = ?1",
        )?
        .execute(params![
            c.id,
            c.name.trim(),
            c.address,
            c.phone,
            c.email,
            c.notes,
            tags,
            c.company,
            h.leads,
            h.bookings,
            h.revenue_ore,
            h.last_contact.map(to_secs),
            to_secs(ctx.now),
            ctx.actor,
        ])?;
    if n == 0 {
        return Err(StoreError::NotFound {
            entity: "customer",
            id: c.id,
        });
    }
    get_in(conn, c.id)
}
