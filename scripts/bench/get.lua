-- wrk: GET as the report's owner (OWNER_ID from env)
wrk.headers["Pgr-User-Id"] = os.getenv("OWNER_ID")
