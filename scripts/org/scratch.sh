#!/usr/bin/env bash
# The real-org workflow: a scratch org from config/project-scratch-def.json, the app deployed, the permission set
# assigned, seed data loaded, Apex tests run with coverage. Needs a Dev Hub (sf org login web --set-default-dev-hub);
# none is reachable from CI, so CI never runs this.
#
# Usage: scripts/org/scratch.sh <command> [alias]
#   create    create the scratch org (7 days) and make it the default
#   deploy    build the TypeScript components, then deploy force-app
#   permset   assign the Community_User_Migrator permission set to the admin
#   seed      load data/seed-plan.json (sf data import tree)
#   test      run the project's Apex tests with code coverage
#   probes    deploy local-org/probes and run them, to compare with `npx local-org test`
#   open      open the app's tab
#   delete    delete the scratch org
#   all       create, deploy, permset, seed, test
set -euo pipefail
cd "$(dirname "$0")/../.."

export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
SF="node_modules/.bin/sf"
ALIAS="${2:-cum-scratch}"
RESULTS="artifacts/org-test-results"

case "${1:-}" in
create)
    "$SF" org create scratch --definition-file config/project-scratch-def.json --alias "$ALIAS" \
        --set-default --duration-days 7 --wait 20
    ;;
deploy)
    npm run build
    "$SF" project deploy start --source-dir force-app --target-org "$ALIAS" --wait 30
    ;;
permset)
    "$SF" org assign permset --name Community_User_Migrator --target-org "$ALIAS"
    ;;
seed)
    "$SF" data import tree --plan data/seed-plan.json --target-org "$ALIAS"
    ;;
test)
    mkdir -p "$RESULTS"
    "$SF" apex run test --target-org "$ALIAS" --test-level RunLocalTests --code-coverage \
        --result-format human --output-dir "$RESULTS" --wait 30
    ;;
probes)
    mkdir -p "$RESULTS/probes"
    "$SF" project deploy start --source-dir local-org/probes --target-org "$ALIAS" --wait 30
    classes=$(find local-org/probes -name '*.cls' -exec basename {} .cls \; | sort | paste -sd, -)
    "$SF" apex run test --target-org "$ALIAS" --class-names "$classes" --result-format json \
        --output-dir "$RESULTS/probes" --wait 30
    ;;
open)
    "$SF" org open --target-org "$ALIAS" --path lightning/n/Community_User_Migrator
    ;;
delete)
    "$SF" org delete scratch --target-org "$ALIAS" --no-prompt
    ;;
all)
    "$0" create "$ALIAS"
    "$0" deploy "$ALIAS"
    "$0" permset "$ALIAS"
    "$0" seed "$ALIAS"
    "$0" test "$ALIAS"
    ;;
*)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
