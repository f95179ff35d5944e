-- How many quarantined rows karantina_replace took out. No params.
select g.n from karantina_ganti as g;
