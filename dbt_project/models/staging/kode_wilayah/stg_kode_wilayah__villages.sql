{{ stg_crosswalk('desa') }}
