"""The CRM's data layer: tables, engine, embedded PostgreSQL and the mock-CRM seed."""
