"""The nightly crawl: polite fetching, discovery of annual reports on portals, and the Prefect flow.

Nothing here is imported by ``gongkai extract`` except ``flows.http_client``,
so this package must not import prefect at module level.
"""
