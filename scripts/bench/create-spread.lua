-- wrk: POST /cruddy/v2/report_tasks/create as OWNER_ID, each request into one of the reports listed
-- in REPORTS_FILE (one id a line) at random: creates that do not all wait for one report's row
local reports = {}
for line in io.lines(os.getenv("REPORTS_FILE")) do
  reports[#reports + 1] = line
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Pgr-User-Id"] = os.getenv("OWNER_ID")
request = function()
  local report = reports[math.random(#reports)]
  return wrk.format(nil, nil, nil,
    '{"interval": "0 3 * * *", "instance": "00000000-0000-0000-0000-000000000000", "report_id": "'
      .. report .. '"}')
end
