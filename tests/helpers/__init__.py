"""What tests share besides fixtures: settings, the test client, builders of
progress and certificates, browser steps. Fixtures stay in conftest files."""
