-- wrk: POST /cruddy/v2/report_tasks/create as the report's owner (REPORT_ID, OWNER_ID from env)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Pgr-User-Id"] = os.getenv("OWNER_ID")
wrk.body = '{"interval": "0 3 * * *", "instance": "00000000-0000-0000-0000-000000000000", "report_id": "'
  .. os.getenv("REPORT_ID") .. '"}'
