"""Deterministic demo data for the Comptoir de Mormal (not a Django app).

`backend.demo.essentials` creates what the platform needs even without demo data (the channel, the shop settings,
the French VAT classes, the legal pages and the footer menu). `backend.demo.catalogue` builds the demo catalogue:
about 150 producer warehouses in real communes, pickup points, categories, attributes, collections and 400+ local
products with prices, stock and placeholder images. Same seed (settings.COMPTOIR_DEMO_SEED), same data; running it
again updates the rows in place and creates no duplicate.
"""
