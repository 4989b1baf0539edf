// Fixture: a folder no module owns.
