-- GET <prefix><ip> over a working set of public addresses (1.x.y.1), 10,000 unless WORKING_SET says otherwise; the
-- prefix is "/" (geo-api) unless PATH_PREFIX says otherwise ("/ip/" for geo-frontend's pages).
local prefix = os.getenv("PATH_PREFIX") or "/"
local count = tonumber(os.getenv("WORKING_SET") or "10000")
local paths = {}
for i = 0, count - 1 do
  paths[i + 1] = string.format("%s%d.%d.%d.%d", prefix, 1 + math.floor(i / 65536) % 8, math.floor(i / 256) % 256, i % 256, 1)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % count) + 1])
end
