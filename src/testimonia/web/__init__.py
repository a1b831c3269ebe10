"""The web reader: a FastAPI app over a store (``create_app(db_path)``, ``serve(...)``)."""
