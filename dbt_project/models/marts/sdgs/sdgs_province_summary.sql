{{ sdgs_summary('provinsi') }}
