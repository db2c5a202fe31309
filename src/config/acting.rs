//! Who is acting: the login of the process's real user, from the password
//! database by its uid (not `$USER`, which anyone can set), and the name the
//! journal gives them; and the groups the process belongs to, which
//! `[roles]` may name.

use std::ffi::CStr;
use std::sync::OnceLock;

/// The login name of the real user running renos; `uid N` when the uid has
/// no entry in the password database.
pub fn login() -> String {
    static LOGIN: OnceLock<String> = OnceLock::new();
    LOGIN.get_or_init(look_up).clone()
}

fn look_up() -> String {
    // SAFETY: getuid cannot fail and touches no memory of ours.
    let uid = unsafe { libc::getuid() };
    with_growing_buffer(|buf| {
        // SAFETY: all-zero is a valid `passwd` (null pointers, zero ids).
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: the pointers are to live locals and `buf` of the length
        // given; getpwuid_r writes only inside them.
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut found,
            )
        };
        // SAFETY: on success pw_name points into `buf`, alive here.
        let name = if found.is_null() {
            None
        } else {
            unsafe { name_at(pwd.pw_name) }
        };
        (rc, name)
    })
    .flatten()
    .filter(|name| !name.trim().is_empty())
    .unwrap_or_else(|| format!("uid {uid}"))
}

/// Calls a reentrant lookup of the password or group database
/// (`getpwuid_r` and kin) with a buffer that doubles while the call says
/// it is too small (up to 1 MiB). `attempt` returns the call's result code
/// and what it read, owned, while the buffer lives; `None` when the call
/// failed.
fn with_growing_buffer<T>(mut attempt: impl FnMut(&mut [u8]) -> (libc::c_int, T)) -> Option<T> {
    let mut buf = vec![0u8; 1024];
    loop {
        let (rc, got) = attempt(&mut buf);
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        return (rc == 0).then_some(got);
    }
}

/// The NUL-terminated name at `p`, owned; `None` for a null pointer.
///
/// # Safety
/// `p` is null or points at a NUL-terminated string alive for the call.
unsafe fn name_at(p: *const libc::c_char) -> Option<String> {
    // SAFETY: the caller's promise.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// The names of the process's groups: its real and effective group and
/// its supplementary groups (what the kernel grants file access by). A
/// group without a name in the group database is left out.
pub fn groups() -> Vec<String> {
    static GROUPS: OnceLock<Vec<String>> = OnceLock::new();
    GROUPS.get_or_init(look_up_groups).clone()
}

fn look_up_groups() -> Vec<String> {
    // SAFETY: getgid and getegid cannot fail and touch no memory of ours.
    let mut gids = unsafe { vec![libc::getgid(), libc::getegid()] };
    // SAFETY: with a count of 0 getgroups writes nothing and says how many.
    let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
    if n > 0 {
        let mut more = vec![0 as libc::gid_t; n as usize];
        // SAFETY: `more` has room for `n` ids, the count given.
        let got = unsafe { libc::getgroups(n, more.as_mut_ptr()) };
        if got > 0 {
            more.truncate(got as usize);
            gids.extend(more);
        }
    }
    gids.sort_unstable();
    gids.dedup();
    gids.into_iter().filter_map(group_name).collect()
}

/// The name of group `gid`, from the group database.
fn group_name(gid: libc::gid_t) -> Option<String> {
    with_growing_buffer(|buf| {
        // SAFETY: all-zero is a valid `group` (null pointers, zero id).
        let mut grp: libc::group = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::group = std::ptr::null_mut();
        // SAFETY: the pointers are to live locals and `buf` of the length
        // given; getgrgid_r writes only inside them.
        let rc = unsafe {
            libc::getgrgid_r(
                gid,
                &mut grp,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut found,
            )
        };
        // SAFETY: on success gr_name points into `buf`, alive here.
        let name = if found.is_null() {
            None
        } else {
            unsafe { name_at(grp.gr_name) }
        };
        (rc, name)
    })
    .flatten()
    .filter(|name| !name.is_empty())
}

/// The id of the group called `name`, from the group database; `None`
/// when there is no such group.
pub fn group_id(name: &str) -> Option<u32> {
    let name = std::ffi::CString::new(name).ok()?;
    with_growing_buffer(|buf| {
        // SAFETY: all-zero is a valid `group` (null pointers, zero id).
        let mut grp: libc::group = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::group = std::ptr::null_mut();
        // SAFETY: `name` is NUL-terminated; the other pointers are to live
        // locals and `buf` of the length given, which getgrnam_r writes
        // only inside.
        let rc = unsafe {
            libc::getgrnam_r(
                name.as_ptr(),
                &mut grp,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut found,
            )
        };
        (rc, (!found.is_null()).then_some(grp.gr_gid))
    })
    .flatten()
}

/// The name of the group with id `gid`, or the number when it has none.
pub fn group_label(gid: u32) -> String {
    group_name(gid).unwrap_or_else(|| gid.to_string())
}

/// The actor the journal records for `login`: the login itself, or with a
/// display name from the config "Mette Larsen (mette)". The login always
/// closes it, so who did it can be read whatever the config says.
pub fn actor(login: &str, display: Option<&str>) -> String {
    let display: Option<String> = display
        .map(|d| {
            d.chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|d| !d.is_empty() && d != login);
    match display {
        Some(d) => format!("{d} ({login})"),
        None => login.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_is_the_real_users_whatever_user_says() {
        let name = look_up();
        assert!(!name.is_empty());
        // SAFETY: as in look_up.
        if unsafe { libc::getuid() } == 0 {
            assert_eq!(name, "root");
        }
        assert_eq!(login(), name);
    }

    #[test]
    fn the_groups_include_the_real_group() {
        let groups = look_up_groups();
        // SAFETY: as in look_up_groups.
        let gid = unsafe { libc::getgid() };
        if let Some(name) = group_name(gid) {
            assert!(groups.contains(&name), "{groups:?}");
        }
        if gid == 0 {
            assert!(groups.iter().any(|g| g == "root"), "{groups:?}");
            assert_eq!(group_id("root"), Some(0));
            assert_eq!(group_label(0), "root");
        }
        assert_eq!(group_id("no-such-group-here"), None);
    }

    #[test]
    fn a_display_name_stands_beside_the_login() {
        assert_eq!(actor("mette", None), "mette");
        assert_eq!(actor("mette", Some("mette")), "mette");
        assert_eq!(actor("mette", Some("  ")), "mette");
        assert_eq!(actor("mette", Some("Mette Larsen")), "Mette Larsen (mette)");
        assert_eq!(actor("bo", Some("boss\u{1b}[2J")), "boss[2J (bo)");
    }
}
