{{ sdgs_summary('kabupaten') }}
