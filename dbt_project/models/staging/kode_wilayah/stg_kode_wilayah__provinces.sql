{{ stg_crosswalk('provinsi') }}
