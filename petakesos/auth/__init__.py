"""Who may use the app and what they may see: local accounts with argon2 hashes (`accounts`), the lockout rule
(`lockout`), server-side sessions (`sessions`) and the wilayah scope of a role (`scope`). Pure Python, no
Streamlit: the login page and `sql.run` build on these."""
