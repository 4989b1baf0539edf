// Fixture: local to app.
