-- One row: how many wilayah codes are loaded (0 means the code list was never imported). No params.
select count(*) as n from ref_wilayah;
