#!/usr/bin/env bash
# Stryker.NET on the pure rules and ledgers, with their unit tests only (tests/Stryker/FlashSale.DomainTests.csproj, which
# compiles tests/FlashSale.UnitTests/Domain). Not part of CI: run by hand. Reports: StrykerOutput/<project>/.../reports/.
# Usage: bash tests/stryker.sh [grains|contracts|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore > /dev/null
which="${1:-all}"
tests=tests/Stryker/FlashSale.DomainTests.csproj

run() {
  local name=$1 project=$2; shift 2
  local mutate=()
  for file in "$@"; do mutate+=(--mutate "$file"); done
  echo "== stryker: $name" >&2
  (cd tests/Stryker && dotnet stryker --test-runner mtp --project "$project" --test-project "$(basename "$tests")" \
    "${mutate[@]}" --reporter markdown --reporter html --reporter progress --concurrency 2 \
    --output "../../StrykerOutput/$name")
}

if [ "$which" = all ] || [ "$which" = grains ]; then
  run grains FlashSale.Grains.csproj "**/Orders/Ledger/StockLedger.cs" "**/Promos/RedemptionLedger.cs" "**/Promos/AllowanceBook.cs"
fi
if [ "$which" = all ] || [ "$which" = contracts ]; then
  run contracts FlashSale.Contracts.csproj "**/Sales/SaleRules.cs" "**/Promos/PromoRules.cs" "**/Pricing/QuoteCalculator.cs" \
    "**/Pricing/PriceBook.cs" "**/Domain/Money.cs"
fi
