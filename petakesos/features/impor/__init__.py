"""The Impor Data page's logic, without Streamlit: saving uploads under safe names and previewing them
as the importer reads them (`uploads`), running the import in its own process and following its
progress (`job`), and turning the accounting, the quarantine and the import log into the frames the
page shows and the Excel staff fix (`report`). Kept here so each rule is tested without a browser."""
