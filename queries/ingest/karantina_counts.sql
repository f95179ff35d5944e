-- Rejected rows of one file: new in quarantine, and already there from an earlier import. No params.
select
    (select count(*) from karantina_tambah) as baru,
    (select count(*) from karantina_baru) - (select count(*) from karantina_tambah) as sudah_ada;
