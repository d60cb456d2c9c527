"""IDM (Indeks Desa Membangun) status and indicators 2021-2024, and the 62 daerah tertinggal."""
