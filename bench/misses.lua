-- GET <prefix><address> with an address no request asked before: 2.x.y.z (FIRST_OCTET.x.y.z), each wrk thread in
-- its own range.
local prefix = os.getenv("PATH_PREFIX") or "/"
-- Another first octet for another run, so that a second run does not meet the first one's cached addresses.
local first = tonumber(os.getenv("FIRST_OCTET") or "2")
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local n = 0
request = function()
  local number = id * 1048576 + n
  n = n + 1
  return wrk.format("GET", string.format("%s%d.%d.%d.%d", prefix, first, math.floor(number / 65536) % 256,
    math.floor(number / 256) % 256, number % 256))
end
