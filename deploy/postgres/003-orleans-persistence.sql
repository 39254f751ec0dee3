-- Seed: grain state table and queries for Microsoft.Orleans.Persistence.AdoNet 10.4.2 on PostgreSQL (storage
-- providers "users" and "catalog"). Query keys: WriteToStorageKey, ReadFromStorageKey, ClearStorageKey, and
-- DeleteStorageKey for providers with DeleteStateOnClear ("users" sets it, so that erasing a user leaves no row that
-- names them).
-- Versions are the optimistic-concurrency ETag: a write names the version it read; a stale writer gets its old
-- version back and Orleans raises InconsistentStateException. A real unique key (NULLS NOT DISTINCT, PostgreSQL 15+)
-- replaces table locking for the first insert of a grain.
-- The 10.4.2 provider sends the serialized state (whichever IGrainStorageSerializer is configured, JSON or Orleans
-- binary) as @PayloadBinary only; the PayloadJson/PayloadXml columns are kept because ReadFromStorageKey must
-- return them, and stay NULL.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    PayloadXml             xml          NULL,
    PayloadJson            text         NULL,
    ModifiedOn             timestamp    NOT NULL,
    Version                integer      NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString) NULLS NOT DISTINCT;

CREATE OR REPLACE FUNCTION seed_storage_write(
    p_id_hash integer, p_n0 bigint, p_n1 bigint, p_type_hash integer, p_type varchar, p_extension varchar,
    p_service varchar, p_version integer, p_binary bytea, p_json text, p_xml xml)
RETURNS TABLE (newgrainstateversion integer) LANGUAGE plpgsql AS $fn$
DECLARE
    n integer := 0;
BEGIN
    IF p_version IS NULL THEN
        -- Never stored (or the grain never read it): only the first writer may create the row.
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, PayloadJson, PayloadXml, ModifiedOn, Version)
        VALUES
            (p_id_hash, p_n0, p_n1, p_type_hash, p_type, p_extension, p_service, p_binary, p_json, p_xml,
             now() AT TIME ZONE 'utc', 1)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN n > 0 THEN 1 ELSE NULL::integer END;
    ELSE
        UPDATE OrleansStorage
           SET PayloadBinary = p_binary, PayloadJson = p_json, PayloadXml = p_xml,
               ModifiedOn = now() AT TIME ZONE 'utc', Version = Version + 1
         WHERE GrainIdHash = p_id_hash AND GrainTypeHash = p_type_hash AND GrainIdN0 = p_n0 AND GrainIdN1 = p_n1
           AND ServiceId = p_service AND GrainTypeString = p_type
           AND GrainIdExtensionString IS NOT DISTINCT FROM p_extension
           AND Version = p_version;
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN n > 0 THEN p_version + 1 ELSE p_version END;
    END IF;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
    SELECT newgrainstateversion FROM seed_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
        @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary, NULL, NULL);'),
('ReadFromStorageKey', '
    SELECT PayloadBinary, PayloadXml, PayloadJson, now() AT TIME ZONE ''utc'', Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1 AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;'),
('ClearStorageKey', '
    UPDATE OrleansStorage
       SET PayloadBinary = NULL, PayloadJson = NULL, PayloadXml = NULL, Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1 AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;'),
('DeleteStorageKey', '
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1 AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
