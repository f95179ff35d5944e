-- Macro values_hmac(teks, ipad, opad): HMAC-SHA256 of the text as lower-case hex, given the key already
-- padded to 64 bytes and xored with 0x36 (ipad) and 0x5c (opad) as blobs (petakesos.ingest.nik.hmac_pads).
-- Equal to Python's hmac.new(key, teks, sha256).hexdigest(). No params.
create or replace temp macro values_hmac(teks, ipad, opad) as
    sha256(opad || unhex(sha256(ipad || encode(teks))));
