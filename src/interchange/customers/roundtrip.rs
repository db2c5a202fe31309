//! Written customers read back unchanged.
