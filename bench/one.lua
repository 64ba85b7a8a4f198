-- GET one path, from every connection at once: the stampede on an address nobody asked before.
local target = os.getenv("TARGET_PATH") or "/3.3.3.3"
request = function()
  return wrk.format("GET", target)
end
