{{ stg_crosswalk('kabupaten') }}
