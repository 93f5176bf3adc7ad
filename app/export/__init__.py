"""Downloads of what the pages show: an API answer (the JSON as sent) turned into a CSV
table or an NPZ archive. Pure conversions of decoded JSON, no web code: the export router
(app/routers/export.py) and `unrolled trace --format` (app/cli_export.py) share them."""
