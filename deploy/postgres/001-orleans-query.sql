-- Seed: the query catalogue the Orleans ADO.NET providers read at start-up (written for Microsoft.Orleans.*.AdoNet 10.4.2).
-- Every provider loads "SELECT QueryKey, QueryText FROM OrleansQuery" once and then only runs the texts stored here,
-- so the SQL below is this project's contract with the providers: parameter names (@DeploymentId...) and result
-- column names must stay as the providers expect; everything else (functions, indexes) is ours.
-- Idempotent: safe to apply on every deployment (seed-silo --migrate, or psql -f in name order).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
