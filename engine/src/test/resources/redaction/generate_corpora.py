#!/usr/bin/env python3
"""Regenerates the labelled detector corpora (<detector>.tsv) deterministically.

Each line: label<TAB>text, label 1 = contains a value the detector must find, 0 = a hard negative that must
not be flagged. In text, \\n is a newline and \\\\ a backslash. Every secret here is synthetic (random with a
fixed seed); none is, or was, a live credential.
"""
import base64, datetime, json, os, random, string

R = random.Random(20261124)
OUT = os.path.dirname(os.path.abspath(__file__))
ALNUM = string.ascii_letters + string.digits
B32 = string.ascii_uppercase + "234567"


def rnd(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


def mixed(chars, n):
    while True:
        s = rnd(chars, n)
        if any(c.isupper() for c in s) and any(c.islower() for c in s) and any(c.isdigit() for c in s):
            return s


CONTEXTS = ["{}", "token: {}", "use {} here", "\"value\": \"{}\"", "export KEY={}", "Authorization: {}",
            "see ({}) above", "config={};next", "[{}]", "'{}'"]


def ctx(v, i):
    return CONTEXTS[i % len(CONTEXTS)].format(v)


def write(name, pos, neg):
    assert len(pos) >= 20 and len(neg) >= 20, name
    with open(os.path.join(OUT, name + ".tsv"), "w") as f:
        f.write("# label\ttext (1 = must detect, 0 = hard negative)\n")
        for label, lines in (("1", pos), ("0", neg)):
            for t in lines:
                t = t.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
                f.write(label + "\t" + t + "\n")


def luhn_complete(prefix, length):
    body = prefix + rnd(string.digits, length - len(prefix) - 1)
    for d in string.digits:
        n = body + d
        s = 0
        for i, c in enumerate(reversed(n)):
            x = int(c)
            if i % 2:
                x *= 2
                x = x - 9 if x > 9 else x
            s += x
        if s % 10 == 0:
            return n


def luhn_ok(n):
    s = 0
    for i, c in enumerate(reversed(n)):
        x = int(c)
        if i % 2:
            x *= 2
            x = x - 9 if x > 9 else x
        s += x
    return s % 10 == 0


def group(n, sizes, sep):
    out, i = [], 0
    for s in sizes:
        out.append(n[i:i + s]); i += s
    if i < len(n):
        out.append(n[i:])
    return sep.join(out)


BANK_CODES = {"GB": ["WEST", "NWBK", "BARC", "MIDL"], "NL": ["ABNA", "RABO", "INGB"]}


def iban(cc, length):
    bban = rnd(string.digits, length - 4)
    if cc in BANK_CODES:
        bban = R.choice(BANK_CODES[cc]) + bban[4:]
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    check = 98 - int(num) % 97
    return cc + "%02d" % check + bban


def iban_valid(s):
    s = s.replace(" ", "")
    num = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(num) % 97 == 1


W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"


def cn_id(region, date):
    body = region + date + rnd(string.digits, 3)
    return body + C[sum(int(a) * b for a, b in zip(body, W)) % 11]


def b64u(o):
    return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).rstrip(b"=").decode()


def main():
    # email
    users = ["alice.smith", "bob+tag", "j_doe", "x-y.z", "li.wei2024", "o'brien".replace("'", ""), "sales",
             "first.last", "a1", "dev-ops"]
    doms = ["example.com", "mail.example.co.uk", "corp.io", "sub.example.org", "uni-berlin.de", "qq.com",
            "example.travel", "x.dev", "163.com", "company.cn"]
    pos = [ctx(users[i % 10] + "@" + doms[(i * 3) % 10], i) for i in range(22)]
    neg = ["lodash@4.17.21", "npm i react@18.2.0", "@types/node@20.1.0", "icon@2x.png", "logo@3x.jpg",
           "user@localhost", "ping me @alice", "ssh root@10.0.0.1", "a..b@example.com", "x@y.z",
           "first.@example.com", "nginx@sha256:0f3a", "email me at foo[at]bar.com", "@@@@", "name@ example.com",
           "price: 5@3.99", "scope@3.1.4-rc1", "git rev HEAD@{2}", "styles@1.0.0.css", "version v1.2@beta",
           "docker.io/library/redis@sha256:abcdef", "user@host:/path"]
    write("email", pos, neg)

    # aws_access_key_id
    pfx = ["AKIA", "ASIA", "AROA", "AIDA", "AGPA"]
    pos = [ctx(pfx[i % 5] + rnd(B32, 16), i) for i in range(22)]
    neg = ["AKIA" + rnd(B32, 15), "AKIA" + rnd(B32, 17), "AKIA" + rnd(string.ascii_lowercase, 16),
           "AKIB" + rnd(B32, 16), "XAKIA" + rnd(B32, 16), "AKIA" + rnd(B32, 15) + "0",
           "AKIA" + rnd(B32, 15) + "9", "akia" + rnd(B32, 16), "AKIAtest", "MAKIAVELLI was here",
           "AKIA-" + rnd(B32, 16), "AKIA" + rnd(B32, 16) + "x", "ASIA is a continent", "AIDA by Verdi",
           "AKIA_" + rnd(B32, 16), "PREFIX_AKIA" + rnd(B32, 16) + "SUFFIX", "AKIA " + rnd(B32, 16),
           "AKIA" + rnd(B32, 8) + "-" + rnd(B32, 7), "ASIA" + rnd(B32, 10), "AROA" + rnd(B32, 12) + "1890",
           "id=AKIA" + rnd(B32, 16) + "8"]
    write("aws_access_key_id", pos, neg)

    # aws_secret_access_key
    sec_ctx = ["aws_secret_access_key = {}", "AWS_SECRET_ACCESS_KEY={}", "aws secret: {}",
               "\"SecretAccessKey\": \"{}\"", "secret_key={}", "[default]\naws_access_key_id=AKIA" +
               rnd(B32, 16) + "\naws_secret_access_key={}", "my AWS creds are {}"]
    pos = [sec_ctx[i % len(sec_ctx)].format(mixed(ALNUM + "/+", 40)) for i in range(22)]
    neg = ["aws commit " + rnd("0123456789abcdef", 40), "secret_key=" + rnd("0123456789abcdef", 40),
           "aws_secret_access_key=" + mixed(ALNUM, 41), "aws_secret_access_key=" + mixed(ALNUM, 39),
           "aws secret " + rnd(string.ascii_lowercase, 40), "aws secret " + rnd(string.ascii_uppercase, 40),
           "data " + mixed(ALNUM, 40), "blob " + mixed(ALNUM + "/+", 40), mixed(ALNUM, 40),
           "aws secret " + mixed(ALNUM, 40) + "==", "sha1 " + rnd("0123456789ABCDEF", 40),
           "aws x " + mixed(ALNUM, 60), "request-id " + mixed(ALNUM, 40), "etag " + mixed(ALNUM, 40),
           "aws region us-east-1 bucket " + rnd(string.ascii_lowercase + "-", 40),
           "secret_key=" + mixed(ALNUM, 20), "nonce=" + mixed(ALNUM + "/+", 40),
           "aws_session_token=" + mixed(ALNUM, 120), "the secret ingredient is love",
           "aws " + "x" * 100 + " " + mixed(ALNUM, 40), "path /" + mixed(ALNUM, 40) + "/file"]
    write("aws_secret_access_key", pos, neg)

    # openai_api_key
    pos = []
    for i in range(22):
        if i % 3 == 0:
            v = "sk-" + mixed(ALNUM, 20) + "T3BlbkFJ" + mixed(ALNUM, 20)
        elif i % 3 == 1:
            v = "sk-proj-" + mixed(ALNUM + "_-", 156)
        else:
            v = "sk-svcacct-" + mixed(ALNUM + "_-", 64)
        pos.append(ctx(v, i))
    neg = ["sk-" + mixed(ALNUM, 10), "sk-proj-" + mixed(ALNUM, 10), "sk-ant-api03-" + mixed(ALNUM, 93) + "AA",
           "risk-" + mixed(ALNUM, 48), "task-" + mixed(ALNUM, 48), "sk-" + mixed(ALNUM, 48),
           "sk-proj-my-awesome-project-name-for-testing-things", "sk-learn model", "sk-" + "a" * 60,
           "desk-proj-" + mixed(ALNUM, 60), "sk_proj_" + mixed(ALNUM, 60), "sk-admin-short",
           "sk-1234567890abcdefghij", "flask-" + mixed(ALNUM, 40), "sk-proj-" + rnd(string.ascii_lowercase, 60),
           "ask-" + mixed(ALNUM, 20) + "T3BlbkFJ" + mixed(ALNUM, 20), "sk-" + mixed(ALNUM, 30) + "!",
           "sk-proj-" + mixed(ALNUM, 19), "husk-svcacct-" + mixed(ALNUM, 64), "sk-" + rnd(string.digits, 40),
           "kiosk-" + mixed(ALNUM, 48)]
    write("openai_api_key", pos, neg)

    # anthropic_api_key
    pos = [ctx("sk-ant-" + ["api03", "admin01", "api02"][i % 3] + "-" + mixed(ALNUM + "_-", 93) + "AA", i)
           for i in range(22)]
    neg = ["sk-ant-", "sk-ant-api03-" + mixed(ALNUM, 10), "sk-ant-test", "sk-ant-api03", "desk-ant-api03-" +
           mixed(ALNUM, 95), "sk-ant-apiXX-" + mixed(ALNUM, 95), "sk-ant-api3-" + mixed(ALNUM, 95),
           "sk-ant-key-" + mixed(ALNUM, 95), "sk_ant_api03_" + mixed(ALNUM, 95), "sk-ants-are-small",
           "sk-ant-api03-" + mixed(ALNUM, 31), "SK-ANT-API03-" + mixed(ALNUM, 95), "sk-antelope-" + mixed(ALNUM, 40),
           "ask-ant-api03-" + mixed(ALNUM, 95), "sk-ant-api03-" + "!" * 40, "sk-ant-api03 " + mixed(ALNUM, 95),
           "the sk-ant- prefix marks Anthropic keys", "sk-ant-admin-" + mixed(ALNUM, 95),
           "sk-ant-api03-" + mixed(ALNUM, 20) + " " + mixed(ALNUM, 20), "xsk-ant-oat01-" + mixed(ALNUM, 60),
           "sk-ant-api031-" + mixed(ALNUM, 95)]
    write("anthropic_api_key", pos, neg)

    # github_token
    pos = []
    for i in range(22):
        v = ("github_pat_" + rnd(ALNUM, 22) + "_" + rnd(ALNUM, 59)) if i % 4 == 3 else (
            ["ghp_", "gho_", "ghs_", "ghu_", "ghr_"][i % 5] + rnd(ALNUM, 36))
        pos.append(ctx(v, i))
    neg = ["ghp_" + rnd(ALNUM, 35), "ghp_" + rnd(ALNUM, 37), "ghx_" + rnd(ALNUM, 36), "ghp-" + rnd(ALNUM, 36),
           "xghp_" + rnd(ALNUM, 36), "ghp_" + rnd(ALNUM, 20) + "-" + rnd(ALNUM, 15), "GHP_" + rnd(ALNUM, 36),
           "github_pat_" + rnd(ALNUM, 22), "github_pat_" + rnd(ALNUM, 22) + "_" + rnd(ALNUM, 58),
           "ghp_token_placeholder", "gh_" + rnd(ALNUM, 36), "ghp_" + rnd(ALNUM, 36) + "_suffix",
           "the ghp_ prefix is for classic tokens", "ghs-app-token", "my_ghp_" + rnd(ALNUM, 36),
           "github_pat-" + rnd(ALNUM, 82), "ghp_ " + rnd(ALNUM, 36), "ghp_" + rnd(ALNUM, 30) + "!!!!!!",
           "gho" + rnd(ALNUM, 37), "ghr_" + rnd(ALNUM, 12), "github_pat_" + rnd(ALNUM, 21) + "_" + rnd(ALNUM, 59)]
    write("github_token", pos, neg)

    # gitlab_token
    kinds = ["glpat-", "gldt-", "glrt-", "glptt-", "glpat-"]
    pos = [ctx(kinds[i % 5] + rnd(ALNUM + "_-", 20 + (i % 3) * 10), i) for i in range(22)]
    neg = ["glpat-" + rnd(ALNUM, 10), "glpat_" + rnd(ALNUM, 20), "xglpat-" + rnd(ALNUM, 20),
           "glpat-" + rnd(ALNUM, 19), "GLPAT-" + rnd(ALNUM, 20), "glpa-" + rnd(ALNUM, 20), "glpat " + rnd(ALNUM, 20),
           "the glpat- prefix", "glpatx-" + rnd(ALNUM, 20), "gl-pat-" + rnd(ALNUM, 20), "glpat-" + "!" * 20,
           "my_glpat-" + rnd(ALNUM, 20), "gldt-short", "glrt-" + rnd(ALNUM, 5) + " " + rnd(ALNUM, 15),
           "glptt" + rnd(ALNUM, 25), "glpat-" + rnd(ALNUM, 8) + "." + rnd(ALNUM, 12), "gitlab.com/glpat",
           "glpat-xxxxxxxxxxxx", "glpat-<your token>", "glsoat_" + rnd(ALNUM, 30), "glft-" + rnd(ALNUM, 12)]
    write("gitlab_token", pos, neg)

    # slack_token
    pos = []
    for i in range(22):
        if i % 4 == 3:
            v = "xapp-1-A" + rnd(string.ascii_uppercase + string.digits, 10) + "-" + rnd(string.digits, 13) + "-" + rnd("0123456789abcdef", 64)
        else:
            v = "xox" + "bpa"[i % 3] + "-" + rnd(string.digits, 12) + "-" + rnd(string.digits, 13) + "-" + rnd(ALNUM, 24)
        pos.append(ctx(v, i))
    neg = ["xoxb-", "xoxb-abc-def", "xoxz-" + rnd(string.digits, 12) + "-" + rnd(ALNUM, 24), "xoxo hugs and kisses",
           "xoxb-" + rnd(string.digits, 3) + "-" + rnd(ALNUM, 24), "xoxb-" + rnd(ALNUM, 12) + "-" + rnd(ALNUM, 24),
           "XOXB-" + rnd(string.digits, 12) + "-" + rnd(ALNUM, 24), "axoxb-" + rnd(string.digits, 12) + "-" + rnd(ALNUM, 24),
           "xoxb_" + rnd(string.digits, 12) + "_" + rnd(ALNUM, 24), "xoxb-" + rnd(string.digits, 12),
           "xoxb-" + rnd(string.digits, 12) + "-" + rnd(ALNUM, 4), "xapp-1-short", "xapp-" + rnd(ALNUM, 40),
           "xapp-1-A1234-" + rnd(string.digits, 13) + "-" + rnd("0123456789abcdef", 64), "xox-" + rnd(ALNUM, 40),
           "the xoxb- prefix is a bot token", "xoxp-<user-token>", "xoxb-{{SLACK_TOKEN}}",
           "xoxbx-" + rnd(string.digits, 12) + "-" + rnd(ALNUM, 24), "hugs xoxoxo-123", "xoxb-" + rnd(string.digits, 20) + "-" + rnd(ALNUM, 24)]
    write("slack_token", pos, neg)

    # stripe_key
    pre = ["sk_live_", "sk_test_", "rk_live_", "rk_test_"]
    pos = [ctx(pre[i % 4] + rnd(ALNUM, [24, 99, 34][i % 3]), i) for i in range(22)]
    neg = ["pk_live_" + rnd(ALNUM, 24), "pk_test_" + rnd(ALNUM, 99), "sk_live_" + rnd(ALNUM, 10), "sk_prod_" + rnd(ALNUM, 24),
           "sk_live_" + rnd(ALNUM, 12) + "-" + rnd(ALNUM, 12), "xsk_live_" + rnd(ALNUM, 24), "sk-live-" + rnd(ALNUM, 24),
           "SK_LIVE_" + rnd(ALNUM, 24), "sk_live_" + rnd(ALNUM, 23), "whsec_" + rnd(ALNUM, 32), "acct_" + rnd(ALNUM, 16),
           "cus_" + rnd(ALNUM, 14), "pi_" + rnd(ALNUM, 24) + "_secret_" + rnd(ALNUM, 25), "sk_live_xxxxxxxx",
           "sk_test_<your key>", "the sk_live_ prefix", "ask_live_" + rnd(ALNUM, 24), "rk_live " + rnd(ALNUM, 24),
           "sk_livex_" + rnd(ALNUM, 24), "sk__live_" + rnd(ALNUM, 24), "price_" + rnd(ALNUM, 24)]
    write("stripe_key", pos, neg)

    # google_api_key
    pos = [ctx("AIza" + rnd(ALNUM + "_-", 35), i) for i in range(22)]
    neg = ["AIza" + rnd(ALNUM, 34), "AIza" + rnd(ALNUM, 36), "AIzb" + rnd(ALNUM, 35), "xAIza" + rnd(ALNUM, 35),
           "aiza" + rnd(ALNUM, 35), "AIZA" + rnd(ALNUM, 35), "AIza" + rnd(ALNUM, 20) + "!" + rnd(ALNUM, 14),
           "AIza is a prefix", "AIza_" + rnd(ALNUM, 10), "AIzaSy...", "AIza" + rnd(ALNUM, 35) + "x",
           "key=AIza" + rnd(ALNUM, 30), "AIza " + rnd(ALNUM, 35), "AI" + rnd(ALNUM, 37), "_AIza" + rnd(ALNUM, 35),
           "AIza" + rnd(ALNUM, 17) + "." + rnd(ALNUM, 17), "GOOG" + rnd(ALNUM, 35), "AIza" + rnd(ALNUM, 40),
           "ya29." + rnd(ALNUM, 60), "AIza{{GOOGLE_KEY}}", "AIza" + rnd(ALNUM, 35) + "-more"]
    write("google_api_key", pos, neg)

    # jwt
    pos = []
    for i in range(22):
        h = {"alg": ["HS256", "RS256", "ES256", "EdDSA"][i % 4], "typ": "JWT"}
        if i % 5 == 0:
            h["kid"] = rnd(ALNUM, 8)
        p = {"sub": rnd(ALNUM, 8), "iat": 1700000000 + i, "exp": 1700003600 + i, "aud": "mcp"}
        sig = base64.urlsafe_b64encode(R.randbytes(32 + (i % 3) * 32)).rstrip(b"=").decode()
        pos.append(ctx(b64u(h) + "." + b64u(p) + "." + sig, i))
    good_h, good_p = b64u({"alg": "HS256", "typ": "JWT"}), b64u({"sub": "x", "iat": 1})
    neg = ["eyJ" + rnd(ALNUM, 30) + ".eyJ" + rnd(ALNUM, 30) + "." + rnd(ALNUM, 20),
           good_h + "." + good_p, b64u({"typ": "JWT"}) + "." + good_p + "." + rnd(ALNUM, 43),
           b64u([1, 2, 3]) + "." + good_p + "." + rnd(ALNUM, 43), good_h + "." + b64u(["a"]) + "." + rnd(ALNUM, 43),
           "eyJhbGciOi", "eyJ.eyJ.abc", "eyJ" + rnd(ALNUM, 100), "v1.2.3", "a.b.c",
           good_h + ".notjson." + rnd(ALNUM, 43), "x" + good_h + "." + good_p + "." + rnd(ALNUM, 43),
           good_h + "." + good_p + "." + rnd(ALNUM, 43) + ".extra", "eyJhbGciOiJIUzI1NiJ9",
           "base64 eyJmb28iOiJiYXIifQ== blob", b64u({"alg": 5}) + "." + good_p + "." + rnd(ALNUM, 43),
           "eyJ" + rnd(ALNUM, 10) + " " + "eyJ" + rnd(ALNUM, 10), "com.example.eyJmodule.Class",
           "session.eyJ" + rnd(ALNUM, 20) + ".sig", good_h + "." + "eyJ" + rnd(ALNUM, 40) + "." + rnd(ALNUM, 43),
           "EYJ" + rnd(ALNUM, 20) + ".EYJ" + rnd(ALNUM, 20) + "." + rnd(ALNUM, 20)]
    write("jwt", pos, neg)

    # pem_private_key
    labels = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
              "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]
    pos = []
    for i in range(22):
        lab = labels[i % len(labels)]
        body = "\n".join(base64.b64encode(R.randbytes(48)).decode() for _ in range(3 + i % 5))
        nl = "\\n" if i % 6 == 5 else "\n"
        if i % 7 == 6:
            text = "-----BEGIN " + lab + "-----" + nl + body.replace("\n", nl) + nl + "[truncated]"
        else:
            text = "-----BEGIN " + lab + "-----" + nl + body.replace("\n", nl) + nl + "-----END " + lab + "-----"
        pos.append(ctx(text, i) if i % 2 else "key file:\n" + text + "\nend")
    b = base64.b64encode(R.randbytes(96)).decode()
    neg = ["-----BEGIN PUBLIC KEY-----\n" + b + "\n-----END PUBLIC KEY-----",
           "-----BEGIN CERTIFICATE-----\n" + b + "\n-----END CERTIFICATE-----",
           "-----BEGIN RSA PUBLIC KEY-----\n" + b + "\n-----END RSA PUBLIC KEY-----",
           "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
           "-----BEGIN PRIVATE KEY----- <paste your key here> -----END PRIVATE KEY-----",
           "BEGIN RSA PRIVATE KEY " + b, "-----BEGIN CERTIFICATE REQUEST-----\n" + b,
           "-----BEGIN OPENSSH PRIVATE KEY-----", "the file starts with -----BEGIN RSA PRIVATE KEY-----",
           "-----BEGIN PGP PUBLIC KEY BLOCK-----\n" + b + "\n-----END PGP PUBLIC KEY BLOCK-----",
           "-----BEGIN PGP SIGNATURE-----\n" + b + "\n-----END PGP SIGNATURE-----",
           "-----BEGIN private key-----\n" + b, "-----BEGIN X509 CRL-----\n" + b + "\n-----END X509 CRL-----",
           "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----",
           "private key: see vault", "-----BEGIN PRIVATE-KEY-----\n" + b, "-----BEGIN PRIVATE KEY----\n" + b,
           "----BEGIN PRIVATE KEY-----\n" + b, "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
           "-----BEGIN SSH2 PUBLIC KEY-----\n" + b + "\n-----END SSH2 PUBLIC KEY-----",
           "-----BEGIN DH PARAMETERS-----\n" + b + "\n-----END DH PARAMETERS-----"]
    write("pem_private_key", pos, neg)

    # phone_e164
    nums = ["+14155552671", "+12125551234", "+447911123456", "+8613800138000", "+33612345678", "+4915112345678",
            "+919876543210", "+61412345678", "+5511987654321", "+819012345678", "+27821234567", "+2348031234567",
            "+971501234567", "+79161234567", "+34612345678", "+393331234567", "+85291234567", "+6591234567",
            "+82101234567", "+420601123456", "+353851234567", "+18005550199"]
    pos = [ctx(n, i) for i, n in enumerate(nums)]
    neg = ["+10155552671", "+11234567890", "+0123456789", "+999", "+2812345678", "+123456789012345678",
           "3+14155552671", "v1.2.3+20230101", "x+447911123456", "+1415555267", "+7 12345", "+2012",
           "temperature +12.5", "+14155552671234", "+12.345678901", "+1-415-555-2671 ext", "+8000000000",
           "a=b+33612345678", "+100000000", "+6612", "+44 20 7946 0958", "+1415555267.5"]
    write("phone_e164", pos, neg)

    # phone_cn_mobile
    heads = ["138", "139", "150", "186", "177", "199", "135", "147", "158", "166", "189"]
    pos = []
    for i in range(22):
        n = heads[i % len(heads)] + rnd(string.digits, 8)
        form = i % 5
        v = [n, "+86" + n, "0086 " + n, n[:3] + " " + n[3:7] + " " + n[7:], n[:3] + "-" + n[3:7] + "-" + n[7:]][form]
        pos.append(ctx("手机 " + v if i % 4 == 0 else v, i))
    neg = ["12345678901", "10086100861", "11012345678", "14012345678", "138001380001", "1380013800",
           "138 00138000", "order 13800138000.5", "tx_13800138000", "16012345678", "1550123456789",
           "1700000000000", "v13800138000", "13800138000abc", "1-3800-138000", "138-0013 8000",
           "id=138001380009", "12000000000", "10000000000", "14412345678", "13800138000-1"]
    write("phone_cn_mobile", pos, neg)

    # us_ssn
    pos = []
    while len(pos) < 22:
        a = R.randint(1, 899)
        if a == 666:
            continue
        v = "%03d-%02d-%04d" % (a, R.randint(1, 99), R.randint(1, 9999))
        if v in ("078-05-1120", "219-09-9999", "123-45-6789"):
            continue
        pos.append(ctx(v, len(pos)))
    neg = ["000-12-3456", "666-12-3456", "900-12-3456", "987-65-4321", "123-00-4567", "123-45-0000",
           "078-05-1120", "219-09-9999", "123-45-6789", "2023-05-12", "555-123-4567", "12-345-6789",
           "1234-56-7890", "123-45-67890", "ISBN 978-0-306-40615-7", "A123-45-6789", "123-45-6788-1",
           "12345-6789", "123456789", "call 555-0199", "123 45 6789 was mentioned"]
    write("us_ssn", pos, neg)

    # payment_card
    specs = [("4", 16, [4, 4, 4, 4]), ("51", 16, [4, 4, 4, 4]), ("2221", 16, [4, 4, 4, 4]), ("34", 15, [4, 6, 5]),
             ("37", 15, [4, 6, 5]), ("6011", 16, [4, 4, 4, 4]), ("3530", 16, [4, 4, 4, 4]),
             ("62", 19, [4, 4, 4, 4, 3]), ("4", 13, [13]), ("55", 16, [4, 4, 4, 4]), ("36", 14, [4, 6, 4])]
    pos = []
    for i in range(22):
        p, n, g = specs[i % len(specs)]
        num = luhn_complete(p, n)
        sep = ["", " ", "-"][i % 3]
        pos.append(ctx(group(num, g, sep) if sep else num, i))

    def luhn_fail(prefix, n):
        while True:
            x = prefix + rnd(string.digits, n - len(prefix))
            if not luhn_ok(x):
                return x

    def luhn_pass_bad_prefix(n):
        while True:
            x = luhn_complete(R.choice(["1", "7", "8", "9", "0"]), n)
            return x
    neg = [luhn_fail("4", 16), luhn_fail("51", 16), luhn_fail("37", 15), luhn_fail("6011", 16),
           luhn_pass_bad_prefix(16), luhn_pass_bad_prefix(16), "order 1234567890123456x",
           "123e4567-e89b-12d3-a456-426614174000", "1700000000000", "4111 1111 1111 1112",
           "0000 0000 0000 0000", "4111-1111 1111 1111", "4111111111111111.25", "3.14159265358979323846",
           "d41d8cd98f00b204e9800998ecf8427e", "4444444444444444", "tracking 9400111899223197428490",
           "ts=1700000000123456", "ORD-" + luhn_complete("4", 16) + "-X", "v" + luhn_complete("4", 16),
           luhn_complete("4", 17), "4111 1111 1111 11", "IBAN DE89 3704 0044 0532 0130 00"]
    write("payment_card", pos, neg)

    # iban
    countries = [("DE", 22), ("GB", 22), ("FR", 27), ("NL", 18), ("ES", 24), ("IT", 27), ("CH", 21),
                 ("BE", 16), ("AT", 20), ("PL", 28), ("SE", 24), ("NO", 15)]
    pos = []
    for i in range(22):
        cc, n = countries[i % len(countries)]
        v = iban(cc, n)
        if i % 2:
            v = " ".join(v[j:j + 4] for j in range(0, len(v), 4))
        pos.append(ctx(v, i))

    def broken(cc, n):
        v = iban(cc, n)
        d = str((int(v[-1]) + 1) % 10)
        return v[:-1] + d
    neg = [broken("DE", 22), broken("GB", 22), broken("FR", 27), iban("DE", 22)[:-1], iban("DE", 22) + "1",
           "ZZ89" + rnd(string.digits, 18), "AB12CDEF3456GHIJKL", "US12345678901234", "GB82WEST1234569876543",
           "SKU DE12345678901234567890", "XX00 0000 0000 0000 0000 00", "CH9300762011623852957X", "PO12345678901234",
           "NL91ABNA041716430", "ISBN9780306406157X", "AA11BBBB22222222222", "DE00" + rnd(string.digits, 18),
           "ORDER" + rnd(string.digits, 20), "IT60X054281110100000012345", "BE6853900754703",
           "FR14 2004 1010 0505 0001 3M02 60"]
    assert not any(iban_valid(x) for x in neg if x[:2].isalpha() and len(x.replace(" ", "")) > 14 and x[2:4].isdigit() and all(c.isalnum() or c == " " for c in x)), "a negative IBAN is valid"
    write("iban", pos, neg)

    # cn_resident_id
    regions = ["110101", "310104", "440305", "510107", "330106", "420102", "120101", "610113"]
    pos = []
    xs = 0
    while len(pos) < 22:
        d = datetime.date(1950, 1, 1) + datetime.timedelta(days=R.randint(0, 20000))
        v = cn_id(R.choice(regions), d.strftime("%Y%m%d"))
        if v.endswith("X"):
            xs += 1
        elif len(pos) >= 18 and xs < 2:
            continue
        pos.append(ctx(v, len(pos)))

    def bad_check(v):
        return v[:-1] + ("0" if v[-1] != "0" else "1")
    base = cn_id("110101", "19900307")
    neg = [bad_check(cn_id("110101", "19900307")), bad_check(cn_id("440305", "19851111")),
           cn_id("110101", "19900230"), cn_id("110101", "20900101"), cn_id("010101", "19900101"),
           cn_id("910101", "19900101"), base[:17], base + "1", "202311240001234567", "123456789012345678",
           cn_id("110101", "19901301"), cn_id("110101", "17990101"), "ID" + base, base + "abc",
           "11010119900307123", "110101-19900307-1234", "order 2023112400012345678", "0" + base[1:],
           cn_id("110101", "19900000"), "ts 170000000012345678", "110101199003071X23"]
    write("cn_resident_id", pos, neg)


if __name__ == "__main__":
    main()
