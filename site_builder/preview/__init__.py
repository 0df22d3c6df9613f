"""`site-builder serve`: the live-reload preview and the file watcher that triggers it."""
