-- Seed: membership tables and queries for Microsoft.Orleans.Clustering.AdoNet 10.4.2 on PostgreSQL (silos and
-- gateway-list clients). Query keys required by that provider version: UpdateIAmAlivetimeKey, InsertMembershipVersionKey,
-- InsertMembershipKey, UpdateMembershipKey, MembershipReadRowKey, MembershipReadAllKey, DeleteMembershipTableEntriesKey,
-- GatewaysQueryKey, CleanupDefunctSiloEntriesKey. The optional CleanupDefunctSiloEntryKey (conditional single-row
-- cleanup) is left out: its parameter set could not be verified against 10.4.2, and without it the provider uses
-- CleanupDefunctSiloEntriesKey (verified by running silos against these scripts).
-- Parameter names must match exactly what the provider sends: Npgsql leaves an unknown @Name in the text.
-- Conditional writes return 1 (applied) or 0 (lost the optimistic race: the membership version moved); a lost race
-- must leave nothing behind, so the functions undo their partial work by raising inside a sub-block.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- First silo of a cluster id creates its version row; 0 when it already exists (the provider then reads it).
CREATE OR REPLACE FUNCTION seed_membership_insert_version(p_deployment varchar)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $fn$
DECLARE
    n integer;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (p_deployment)
    ON CONFLICT (DeploymentId) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN QUERY SELECT n;
END
$fn$;

-- A silo joins: its row is added and the table version bumped, both or neither. (The 10.4.2 provider sends no
-- @SuspectTimes with an insert: a joining silo has none, so the query passes NULL.)
CREATE OR REPLACE FUNCTION seed_membership_insert(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_silo_name varchar,
    p_host_name varchar, p_status integer, p_proxy_port integer, p_suspect_times varchar,
    p_start_time timestamptz, p_i_am_alive timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $fn$
DECLARE
    n integer := 0;
BEGIN
    BEGIN
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime)
        VALUES
            (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port, p_suspect_times, p_start_time, p_i_am_alive)
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN
            UPDATE OrleansMembershipVersionTable
               SET Timestamp = now(), Version = Version + 1
             WHERE DeploymentId = p_deployment AND Version = p_version;
            GET DIAGNOSTICS n = ROW_COUNT;
            IF n = 0 THEN
                RAISE EXCEPTION 'membership version moved' USING ERRCODE = 'SE001';
            END IF;
        END IF;
    EXCEPTION WHEN SQLSTATE 'SE001' THEN
        n := 0;
    END;
    RETURN QUERY SELECT n;
END
$fn$;

-- A silo's status or suspicion list changes: the table version is bumped and the row updated, both or neither.
CREATE OR REPLACE FUNCTION seed_membership_update(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_status integer,
    p_suspect_times varchar, p_i_am_alive timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $fn$
DECLARE
    n integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
           SET Timestamp = now(), Version = Version + 1
         WHERE DeploymentId = p_deployment AND Version = p_version;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN
            UPDATE OrleansMembershipTable
               SET Status = p_status, SuspectTimes = p_suspect_times, IAmAliveTime = p_i_am_alive
             WHERE DeploymentId = p_deployment AND Address = p_address AND Port = p_port AND Generation = p_generation;
            GET DIAGNOSTICS n = ROW_COUNT;
            IF n = 0 THEN
                RAISE EXCEPTION 'membership row missing' USING ERRCODE = 'SE001';
            END IF;
        END IF;
    EXCEPTION WHEN SQLSTATE 'SE001' THEN
        n := 0;
    END;
    RETURN QUERY SELECT n;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
     WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),
('InsertMembershipVersionKey', '
    SELECT row_count FROM seed_membership_insert_version(@DeploymentId);'),
('InsertMembershipKey', '
    SELECT row_count FROM seed_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey', '
    SELECT row_count FROM seed_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
        @SuspectTimes, @IAmAliveTime, @Version);'),
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status = 6;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
