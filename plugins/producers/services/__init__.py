"""Writes of the marketplace. Each service validates, writes in one transaction, and leaves mail for after commit.

Modules: producers (profile, invitation, approval), ownership (warehouses and products), preparations (the order
split), statements (monthly figures and payouts). The portal and the GraphQL mutations only call these.
"""
