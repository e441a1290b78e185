import { Kysely, sql } from 'kysely';

/**
 * The event store: streams (head of each stream's version and hash chain), events (append-only),
 * ledger (the global, gap-free, commit-ordered numbering) and seals (signed ledger chain heads).
 *
 * Hash chains
 *   event.hash  = sha256(previous event hash of the stream, or 32 zero bytes || int8(version) || canonical JSON)
 *   ledger.hash = sha256(previous ledger hash, or 32 zero bytes || int8(position) || event.hash)
 * The canonical JSON is produced by the application (sorted keys, no white space); see docs/architecture.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    do $$
    begin
      if current_setting('server_encoding') <> 'UTF8' then
        raise exception 'Annals needs a UTF8 database (hash chains are computed over UTF-8 bytes), this one is %',
          current_setting('server_encoding');
      end if;
    end $$;
  `.execute(db);

  await sql`
    create table streams (
      stream_id   text primary key,
      stream_type text not null,
      version     bigint not null check (version >= 0),
      head_hash   bytea,
      created_at  timestamptz not null default now(),
      updated_at  timestamptz not null default now()
    )
  `.execute(db);

  await sql`
    create table events (
      seq            bigint generated always as identity primary key,
      event_id       uuid not null,
      stream_id      text not null,
      stream_type    text not null,
      version        bigint not null check (version >= 1),
      type           text not null,
      schema_version integer not null check (schema_version >= 1),
      data           jsonb not null,
      metadata       jsonb not null,
      occurred_at    timestamptz not null,
      recorded_at    timestamptz not null,
      transaction_id xid8 not null default pg_current_xact_id(),
      hash           bytea not null,
      constraint events_event_id_key unique (event_id),
      constraint events_stream_version_key unique (stream_id, version)
    )
  `.execute(db);
  // The sequencer's scan: finished transactions in commit-fence order, then insertion order.
  await sql`create index events_transaction_order_idx on events (transaction_id, seq)`.execute(db);

  await sql`
    create table ledger (
      position     bigint primary key check (position >= 1),
      event_seq    bigint not null references events (seq),
      hash         bytea not null,
      sequenced_at timestamptz not null default now(),
      constraint ledger_event_seq_key unique (event_seq)
    )
  `.execute(db);

  await sql`
    create table seals (
      id            bigint generated always as identity primary key,
      from_position bigint not null check (from_position >= 1),
      to_position   bigint not null,
      head_hash     bytea not null,
      key_id        text not null,
      public_key    text not null,
      signature     bytea not null,
      sealed_at     timestamptz not null default now(),
      constraint seals_range_check check (to_position >= from_position),
      constraint seals_to_position_key unique (to_position)
    )
  `.execute(db);

  await sql`
    create function annals_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'annals: % is append-only: % refused', tg_table_name, tg_op using errcode = 'AN003';
    end $$
  `.execute(db);
  for (const table of ['events', 'ledger', 'seals']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function annals_refuse_change()
    `.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function annals_refuse_change()
    `.execute(db);
  }

  /*
   * One round trip per append. Expected versions: n >= 0 exact, -1 any, -2 no stream, -3 stream exists.
   * Errors: AN001 wrong expected version (detail: JSON {streamId, expected, actual}),
   *         AN002 some but not all event ids already stored (detail: JSON {eventIds}).
   */
  await sql`
    create function annals_append(
      p_streams      text[],
      p_stream_types text[],
      p_expected     bigint[],
      p_event_ids    uuid[],
      p_event_stream integer[],
      p_canonical    text[]
    ) returns table (event_id uuid, stream_id text, version bigint, seq bigint, duplicate boolean)
    -- Its statements' plans do not depend on the values: planning each call anew cost ~40% of its CPU.
    set plan_cache_mode = force_generic_plan
    -- Every lookup here is by key. Without this, plans made while a table is new (no statistics yet)
    -- scan it whole, and a cached generic plan keeps doing so as it grows, until the next ANALYZE.
    set enable_seqscan = off
    language plpgsql as $$
    #variable_conflict use_column
    declare
      genesis     constant bytea := decode(repeat('00', 32), 'hex');
      n_streams   integer := coalesce(array_length(p_streams, 1), 0);
      n_events    integer := coalesce(array_length(p_event_ids, 1), 0);
      versions    bigint[];
      heads       bytea[];
      ev_versions bigint[] := '{}';
      ev_hashes   bytea[] := '{}';
      stored      integer;
      s           integer;
    begin
      -- Placeholder rows make streams that do not exist yet lockable; a failed append rolls them back.
      insert into streams as st (stream_id, stream_type, version)
        select u.id, u.type, 0 from unnest(p_streams, p_stream_types) as u(id, type) order by u.id
        on conflict (stream_id) do nothing;
      -- Sorted lock order: two appends to the same streams never deadlock.
      perform 1 from streams st where st.stream_id = any(p_streams) order by st.stream_id for update;

      -- Checked after the locks so that a retry racing its original sees the original's commit.
      select count(*) into stored from events e where e.event_id = any(p_event_ids);
      if stored = n_events and n_events > 0 then
        return query
          select e.event_id, e.stream_id, e.version, e.seq, true
          from events e where e.event_id = any(p_event_ids)
          order by array_position(p_event_ids, e.event_id);
        return;
      elsif stored > 0 then
        raise exception 'some but not all of the events are already stored' using errcode = 'AN002',
          detail = (select json_build_object('eventIds', json_agg(e.event_id))::text
                    from events e where e.event_id = any(p_event_ids));
      end if;

      select array_agg(st.version order by u.ord), array_agg(st.head_hash order by u.ord)
        into versions, heads
        from unnest(p_streams) with ordinality as u(id, ord) join streams st on st.stream_id = u.id;

      for s in 1 .. n_streams loop
        if (p_expected[s] >= 0 and versions[s] <> p_expected[s])
           or (p_expected[s] = -2 and versions[s] <> 0)
           or (p_expected[s] = -3 and versions[s] = 0) then
          raise exception 'wrong expected version for stream %', p_streams[s] using errcode = 'AN001',
            detail = json_build_object('streamId', p_streams[s], 'expected', p_expected[s], 'actual', versions[s])::text;
        end if;
      end loop;

      for i in 1 .. n_events loop
        s := p_event_stream[i];
        versions[s] := versions[s] + 1;
        heads[s] := sha256(coalesce(heads[s], genesis) || int8send(versions[s]) || convert_to(p_canonical[i], 'UTF8'));
        ev_versions[i] := versions[s];
        ev_hashes[i] := heads[s];
      end loop;

      return query
        insert into events as e (event_id, stream_id, stream_type, version, type, schema_version,
                                 data, metadata, occurred_at, recorded_at, hash)
        select u.event_id, p_streams[u.stream], p_stream_types[u.stream], u.version, u.doc ->> 'type',
               (u.doc ->> 'schemaVersion')::integer, u.doc -> 'data', u.doc -> 'metadata',
               (u.doc ->> 'occurredAt')::timestamptz, (u.doc ->> 'recordedAt')::timestamptz, u.hash
        from (
          select x.event_id, x.stream, x.canonical::jsonb as doc, x.version, x.hash, x.ord
          from unnest(p_event_ids, p_event_stream, p_canonical, ev_versions, ev_hashes)
            with ordinality as x(event_id, stream, canonical, version, hash, ord)
          -- offset 0 keeps the subquery from being flattened, which would parse the JSON once per field read.
          offset 0
        ) as u
        order by u.ord
        returning e.event_id, e.stream_id, e.version, e.seq, false;

      update streams st set version = versions[u.ord], head_hash = heads[u.ord], updated_at = now()
        from unnest(p_streams) with ordinality as u(id, ord)
        where st.stream_id = u.id;

      -- No NOTIFY here: a notifying transaction holds a cluster-wide lock until its commit is flushed,
      -- which made concurrent appends commit one at a time. The application signals after commit.
    end $$
  `.execute(db);

  /*
   * Numbers the next events of finished transactions. A transaction that is still open holds a
   * transaction id >= the snapshot's xmin, so nothing at or past the fence is read: an event that
   * commits late can never be skipped, only waited for.
   */
  await sql`
    create function annals_sequence(p_batch integer) returns table (first_position bigint, last_position bigint)
    -- Index scans only, for the same reason as annals_append.
    set enable_seqscan = off
    language plpgsql as $$
    #variable_conflict use_column
    declare
      genesis   constant bytea := decode(repeat('00', 32), 'hex');
      head_pos  bigint := 0;
      head_hash bytea := genesis;
      head_xid  xid8 := '0'::xid8;
      head_seq  bigint := 0;
      fence     xid8;
      positions bigint[] := '{}';
      seqs      bigint[] := '{}';
      hashes    bytea[] := '{}';
      r         record;
    begin
      select l.position, l.hash, e.transaction_id, e.seq into r
        from ledger l join events e on e.seq = l.event_seq
        order by l.position desc limit 1;
      if found then
        head_pos := r.position; head_hash := r.hash; head_xid := r.transaction_id; head_seq := r.seq;
      end if;
      first_position := head_pos + 1;

      fence := pg_snapshot_xmin(pg_current_snapshot());
      for r in
        select e.seq, e.hash from events e
        where (e.transaction_id, e.seq) > (head_xid, head_seq) and e.transaction_id < fence
        order by e.transaction_id, e.seq
        limit p_batch
      loop
        head_pos := head_pos + 1;
        head_hash := sha256(head_hash || int8send(head_pos) || r.hash);
        positions := positions || head_pos;
        seqs := seqs || r.seq;
        hashes := hashes || head_hash;
      end loop;

      if head_pos >= first_position then
        insert into ledger (position, event_seq, hash) select * from unnest(positions, seqs, hashes);
        perform pg_notify('annals_ledger', head_pos::text);
      end if;
      last_position := head_pos;
      return next;
    end $$
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists annals_sequence(integer)`.execute(db);
  await sql`drop function if exists annals_append(text[], text[], bigint[], uuid[], integer[], text[])`.execute(
    db,
  );
  await sql`drop table if exists seals, ledger, events, streams`.execute(db);
  await sql`drop function if exists annals_refuse_change()`.execute(db);
}
