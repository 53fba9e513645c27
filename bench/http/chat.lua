-- wrk script: POST /chat with the echo responder (keep-alive, one request at a time).
wrk.method = "POST"
wrk.body = '{"sender":"bench","text":"올해 건강검진 받아야 해?","speaker":false}'
wrk.headers["Content-Type"] = "application/json"
