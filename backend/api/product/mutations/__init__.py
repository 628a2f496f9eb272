"""Back-office catalogue mutations (Saleor's signatures), scoped by the catalogue scope (see ../scope.py)."""
