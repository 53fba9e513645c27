-- wrk script: POST /chat to the real secretary (serve --demo), as issue 14 measures it:
-- 8 demo citizens x 4 questions, each connection walking through them in turn.
local citizens = {
  "c001-lee-jiwoo", "c002-park-junho", "c003-kim-seoyeon", "c004-choi-minho",
  "c005-jung-youngsook", "c006-kang-dongwook", "c007-yoon-hyejin", "c008-han-jisoo",
}
local questions = { "올해 건강검진 대상이야?", "자동차세 언제 내?", "여권 재발급 어떻게 해?", "왜?" }
local bodies = {}
for _, citizen in ipairs(citizens) do
  for _, question in ipairs(questions) do
    bodies[#bodies + 1] = '{"sender":"' .. citizen .. '","text":"' .. question .. '"}'
  end
end
local n = 0
function setup(thread) thread:set("offset", math.random(#bodies)) end
function request()
  n = n + 1
  local body = bodies[(n + (offset or 0)) % #bodies + 1]
  return wrk.format("POST", "/chat", { ["Content-Type"] = "application/json" }, body)
end
