# Gatehouse quick start: who may call which tools of one MCP server.
#
# Credentials come from the environment (printed by ./gatehouse dev):
#   export GATEHOUSE_API_URL=http://localhost:8080/api/v1
#   export GATEHOUSE_API_TOKEN=gha_...
# With the provider installed through dev_overrides (see docs/terraform/README.md), run
# terraform plan / terraform apply in this folder; no terraform init is needed.

terraform {
  required_providers {
    gatehouse = {
      source = "gatehouse/gatehouse"
    }
  }
}

provider "gatehouse" {}

# The issuer whose access tokens MCP clients present to the data plane.
resource "gatehouse_identity_provider" "corp" {
  name          = "Corporate SSO"
  issuer        = "https://sso.example.com/realms/corp"
  discovery_uri = "https://sso.example.com/realms/corp/.well-known/openid-configuration"
  audience      = "https://mcp.example.com"
  claims_groups = "groups"
}

# One MCP server behind the gateway, approved so the data plane routes it.
resource "gatehouse_mcp_server" "files" {
  name            = "files"
  upstream_url    = "https://files.mcp.internal/mcp"
  status          = "approved"
  allowed_origins = ["https://app.example.com"]
  labels = {
    team = "platform"
  }
}

resource "gatehouse_scope" "files_read" {
  name        = "files:read"
  description = "Read files"
}

resource "gatehouse_scope" "files_write" {
  name        = "files:write"
  description = "Change files"
  implies     = [gatehouse_scope.files_read.name]
}

# Reading tools need files:read, everything that writes needs files:write.
resource "gatehouse_tool_binding" "read" {
  server_id       = gatehouse_mcp_server.files.id
  tool_pattern    = "read_*"
  required_scopes = [gatehouse_scope.files_read.name]
  risk            = "read"
}

resource "gatehouse_tool_binding" "write" {
  server_id         = gatehouse_mcp_server.files.id
  tool_pattern      = "write_*"
  required_scopes   = [gatehouse_scope.files_write.name]
  risk              = "destructive"
  guarded_arguments = ["path"]
}

# Ordered rules: contractors never write; everyone else may use the server.
resource "gatehouse_policy" "files_access" {
  name     = "files access"
  priority = 10

  rule {
    id          = "no-contractor-writes"
    description = "Contractors only read"
    effect      = "deny"
    groups      = ["contractors"]
    servers     = [gatehouse_mcp_server.files.id]
    tools       = ["write_*"]
  }

  rule {
    id      = "allow-files"
    effect  = "allow"
    servers = [gatehouse_mcp_server.files.id]
  }
}

# At most 60 calls a minute per caller, bursting to 20.
resource "gatehouse_rate_limit" "per_principal" {
  name                  = "files per caller"
  key                   = "principal"
  server_id             = gatehouse_mcp_server.files.id
  capacity              = 20
  refill_tokens         = 60
  refill_period_seconds = 60
  failure_mode          = "open"
}
