"""Benchmark: the public-pool release cron of ps_crm against a baseline.

Builds N stale customer accounts inside a transaction that is rolled back, then
measures, on the same records:

* baseline: one plain batched ORM write on the same number of customers
  (tracking off) — what touching every released customer costs at least;
* cron: ``res.partner._cron_ps_release_to_pool()`` — the real release (level
  search, write, ownership log).

It prints wall time and SQL query count of both and their ratio. Run it on a
database where ps_crm is installed (bin/test with PS_KEEP_DB=1 leaves one):

    bin/bench bench/bench_pool_release.py -d <database> [-n 10000]
"""

import argparse
from datetime import timedelta

from _common import measure, report, rolled_back_env

from odoo import fields


def build(env, count, tag, pool_days):
    level = env["ps.customer.level"].create(
        {"name": f"Bench {tag}", "code": f"BENCH{tag}", "pool_days": pool_days}
    )
    owner = env.ref("base.user_admin")
    old = fields.Datetime.now() - timedelta(days=90)
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench {tag} Customer {i:06d}",
                "is_company": True,
                "ps_is_customer": True,
                "ps_level_id": level.id,
                "user_id": owner.id,
                "ps_owner_since": old,
            }
            for i in range(count)
        ]
    )
    env.flush_all()
    env.invalidate_all()
    return partners


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--customers", type=int, default=10000)
    args = parser.parse_args()
    with rolled_back_env(args.database) as env:
        # set A never goes to the pool (pool_days 0): the cron only sees set B
        baseline_set = build(env, args.customers, "A", 0)
        base = measure(
            env,
            lambda: baseline_set.with_context(tracking_disable=True).write({"ref": "bench"}),
        )
        released = build(env, args.customers, "B", 30)
        cron = measure(env, lambda: env["res.partner"]._cron_ps_release_to_pool())
        assert not released.filtered("user_id"), "the cron left customers owned"
    print(f"customers: {args.customers}")
    report("baseline (plain batched write)", base, "pool release cron", cron)


if __name__ == "__main__":
    main()
