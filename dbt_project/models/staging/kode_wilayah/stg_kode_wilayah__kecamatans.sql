{{ stg_crosswalk('kecamatan') }}
