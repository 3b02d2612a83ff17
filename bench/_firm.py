"""A realistic professional-service firm of N projects, for the reporting
benchmarks (issue 22): per 1,000 projects about 820 active, 1,010 contracts,
18,800 analytic lines over five years, 4,000 tasks (with baselines and
assignees), 700 approved budgets of 3 lines, committed expense claims and
payment requests, one project manager per 400 projects and ten consultants
(employees who book the timesheets and are assigned the tasks) per manager.

The ORM would take hours at 10,000 projects (each project creates an alias, an
analytic account, followers and tracking), so projects and their facts are
inserted with plain SQL, set-based, from ``generate_series`` with a fixed seed;
users (project managers, a finance user) go through the ORM. Stored roll-ups
of the projects (planned and spent hours, progress, hours burn) are set from the
generated tasks and timesheets the same way the suite computes them.

Use it in a throw-away database (``bench/make_firm.py``) or in a transaction
that is rolled back.
"""

from odoo import Command
from odoo.tools import SQL

# Analytic lines per project: 8 to 30 (mean 19).
LINES_MIN, LINES_SPREAD = 8, 22
TASKS_PER_PROJECT = 4
PROJECTS_PER_PM = 400


def _ids(env, query):
    env.cr.execute(query)
    return [row[0] for row in env.cr.fetchall()]


def make_users(env, managers):
    """``managers`` project managers and one finance user (ORM)."""
    ref = env.ref
    pm_groups = [ref("project.group_project_user").id]
    pm_group = env.ref("ps_project_wbs.group_ps_project_manager", raise_if_not_found=False)
    if pm_group:
        pm_groups.append(pm_group.id)
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    pms = Users.create(
        [
            {
                "name": f"Bench PM {i}",
                "login": f"bench.pm.{i}",
                "groups_id": [Command.set([ref("base.group_user").id, *pm_groups])],
            }
            for i in range(managers)
        ]
    )
    finance = Users.create(
        {
            "name": "Bench Finance",
            "login": "bench.finance",
            "groups_id": [
                Command.set([ref("base.group_user").id, ref("ps_contract.group_ps_finance").id])
            ],
        }
    )
    executive = Users.create(
        {
            "name": "Bench CEO",
            "login": "bench.ceo",
            "groups_id": [
                Command.set([ref("base.group_user").id, ref("ps_dashboard.group_ps_executive").id])
            ],
        }
    )
    consultants = Users.create(
        [
            {
                "name": f"Bench consultant {i}",
                "login": f"bench.consultant.{i}",
                "groups_id": [
                    Command.set([ref("base.group_user").id, ref("project.group_project_user").id])
                ],
            }
            for i in range(max(5, managers * 10))
        ]
    )
    employees = env["hr.employee"].create(
        [
            {
                "name": user.name,
                "user_id": user.id,
                "company_id": env.company.id,
                "hourly_cost": 30.0 + 5 * (index % 10),
            }
            for index, user in enumerate(consultants)
        ]
    )
    env.flush_all()
    return pms, finance, executive, employees


def build_firm(env, count, seed=0.42):
    """Insert ``count`` projects and their facts; returns a dict of the users
    made (``pms``, ``finance``, ``executive``)."""
    pms, finance, executive, staff = make_users(env, max(3, count // PROJECTS_PER_PM))
    cr = env.cr
    company = env.company
    task_model = _ids(env, SQL("SELECT id FROM ir_model WHERE model = 'project.task'"))[0]
    plan = _ids(
        env,
        SQL(
            "SELECT a.plan_id FROM project_project p "
            "JOIN account_analytic_account a ON a.id = p.account_id LIMIT 1"
        ),
    )[0]
    partners = _ids(env, SQL("SELECT id FROM res_partner WHERE is_company ORDER BY id LIMIT 50"))
    types = _ids(env, SQL("SELECT id FROM ps_project_type ORDER BY id"))
    employees = staff.ids
    categories = _ids(
        env,
        SQL(
            "SELECT id FROM ps_cost_category WHERE active AND NOT COALESCE(is_labour, FALSE) "
            "AND NOT COALESCE(is_fallback, FALSE) ORDER BY id"
        ),
    )
    income = _ids(env, SQL("SELECT id FROM account_account WHERE account_type = 'income'"))
    expense = _ids(
        env,
        SQL(
            "SELECT id FROM account_account "
            "WHERE account_type IN ('expense', 'expense_direct_cost')"
        ),
    )
    balance = _ids(env, SQL("SELECT id FROM account_account WHERE account_type = 'asset_current'"))
    params = {
        "n": count,
        "company": company.id,
        "currency": company.currency_id.id,
        "plan": plan,
        "task_model": task_model,
        "pms": pms.ids,
        "partners": partners,
        "types": types,
        "employees": employees,
        "staff": staff.user_id.ids,
        "categories": categories,
        "income": income,
        "expense": expense,
        "balance": balance,
        "uid": env.uid,
    }
    cr.execute(SQL("SELECT setseed(%s)", seed))
    for statement in STATEMENTS:
        cr.execute(statement, params)
    cr.execute("ANALYZE")
    env.invalidate_all()
    return {"pms": pms, "finance": finance, "executive": executive}


# Plain SQL with psycopg2 named parameters, run in order.
STATEMENTS = [
    # one row per project with its ids and attributes
    """
    CREATE TEMP TABLE bench_project ON COMMIT DROP AS
    SELECT g AS k,
           nextval('project_project_id_seq') AS id,
           nextval('account_analytic_account_id_seq') AS account_id,
           nextval('mail_alias_id_seq') AS alias_id,
           random() >= 0.18 AS active,
           (%(pms)s::int[])[1 + g %% cardinality(%(pms)s::int[])] AS user_id,
           (%(partners)s::int[])[1 + (g * 7) %% cardinality(%(partners)s::int[])] AS partner_id,
           CASE WHEN g %% 5 = 0 THEN NULL
                ELSE (%(types)s::int[])[1 + g %% cardinality(%(types)s::int[])] END AS type_id,
           (ARRAY['initiation', 'planning', 'execution', 'monitoring', 'closing'])
               [1 + (g * 3) %% 5] AS phase,
           DATE '2021-12-01' + (random() * 1790)::int AS date_start,
           60 + (random() * 300)::int AS days,
           random() < 0.6 AS baselined,
           LEAST(100, (random() * 110))::float AS progress,
           (random() * 20 - 5)::int AS slip,
           8 + (random() * 22)::int AS lines,
           random() < 0.7 AS budgeted
      FROM generate_series(1, %(n)s) g
    """,
    """
    INSERT INTO mail_alias (id, alias_model_id, alias_contact, alias_defaults, alias_status,
                            create_uid, write_uid, create_date, write_date)
    SELECT alias_id, %(task_model)s, 'everyone', '{}', 'not_tested',
           %(uid)s, %(uid)s, now(), now()
      FROM bench_project
    """,
    """
    INSERT INTO account_analytic_account (id, name, plan_id, root_plan_id, company_id,
                                          partner_id, active, create_uid, write_uid,
                                          create_date, write_date)
    SELECT account_id, jsonb_build_object('en_US', 'Bench project ' || k), %(plan)s, %(plan)s,
           %(company)s, partner_id, TRUE, %(uid)s, %(uid)s, now(), now()
      FROM bench_project
    """,
    """
    INSERT INTO project_project (id, name, alias_id, privacy_visibility, rating_status,
                                 rating_status_period, last_update_status, ps_phase,
                                 account_id, company_id, user_id, partner_id,
                                 ps_project_type_id, active, allow_timesheets, sequence,
                                 date_start, date, ps_baseline_version, ps_progress,
                                 ps_schedule_variance_days, create_uid, write_uid,
                                 create_date, write_date)
    SELECT id, jsonb_build_object('en_US', 'Bench project ' || k), alias_id, 'followers',
           'stage', 'monthly', 'to_define', phase, account_id, %(company)s, user_id,
           partner_id, type_id, active, TRUE, 10, date_start, date_start + days,
           CASE WHEN baselined THEN 1 END, CASE WHEN baselined THEN progress ELSE 0 END,
           CASE WHEN baselined THEN GREATEST(slip, 0) ELSE 0 END,
           %(uid)s, %(uid)s, now(), now()
      FROM bench_project
    """,
    """
    UPDATE mail_alias a SET alias_parent_model_id = m.id, alias_parent_thread_id = bp.id,
                            alias_defaults = '{''project_id'': ' || bp.id || '}'
      FROM bench_project bp, ir_model m
     WHERE a.id = bp.alias_id AND m.model = 'project.project'
    """,
    # tasks: TASKS_PER_PROJECT leaf tasks each, spread over the project's span
    """
    CREATE TEMP TABLE bench_task ON COMMIT DROP AS
    SELECT nextval('project_task_id_seq') AS id, bp.id AS project_id, bp.k, t AS n,
           bp.date_start + (bp.days * (t - 1) / 4) AS day_from,
           bp.date_start + (bp.days * t / 4) AS day_to,
           (8 + random() * 80)::int AS hours,
           bp.baselined,
           bp.date_start + bp.days < CURRENT_DATE AND random() < 0.9 AS done,
           (%(staff)s::int[])[1 + (bp.k * 4 + t) %% cardinality(%(staff)s::int[])] AS user_id,
           bp.active
      FROM bench_project bp CROSS JOIN generate_series(1, 4) t
    """,
    """
    INSERT INTO project_task (id, name, state, project_id, company_id, active,
                              display_in_project, sequence, allocated_hours, ps_date_start,
                              date_deadline, ps_baseline_date_start, ps_baseline_deadline,
                              ps_baseline_hours, ps_phase, priority, create_uid, write_uid,
                              create_date, write_date)
    SELECT id, 'Task ' || n, CASE WHEN done THEN '1_done' ELSE '01_in_progress' END,
           project_id, %(company)s, TRUE, TRUE, n, hours, day_from, day_to,
           CASE WHEN baselined THEN day_from END, CASE WHEN baselined THEN day_to END,
           CASE WHEN baselined THEN hours END, 'execution', '0',
           %(uid)s, %(uid)s, now(), now()
      FROM bench_task
    """,
    """
    INSERT INTO project_task_user_rel (task_id, user_id) SELECT id, user_id FROM bench_task
    """,
    "CREATE INDEX ON bench_task (k, n)",
    "ANALYZE bench_task",
    # analytic lines: timesheets (60%%), costs (22%%), revenue (15%%), balance sheet (3%%)
    """
    CREATE TEMP TABLE bench_line ON COMMIT DROP AS
    SELECT bp.id AS project_id, bp.account_id, bp.k, l,
           LEAST(bp.date_start + (random() * bp.days)::int, DATE '2026-11-29') AS date,
           random() AS kind,
           (%(employees)s::int[])[1 + (bp.k + l) %% cardinality(%(employees)s::int[])]
               AS employee_id,
           (SELECT t.id FROM bench_task t WHERE t.k = bp.k AND t.n = 1 + l %% 4) AS task_id,
           round((1 + random() * 7)::numeric, 1) AS hours,
           round((50 + random() * 5000)::numeric, 2) AS money
      FROM bench_project bp CROSS JOIN LATERAL generate_series(1, bp.lines) l
    """,
    """
    INSERT INTO account_analytic_line (name, date, amount, unit_amount, account_id, company_id,
                                       currency_id, project_id, task_id, employee_id, user_id,
                                       general_account_id, category, create_uid, write_uid,
                                       create_date, write_date)
    SELECT 'Bench line ' || l.l, l.date,
           CASE WHEN l.kind < 0.60 THEN -(l.hours * e.hourly_cost)
                WHEN l.kind < 0.82 THEN -l.money
                WHEN l.kind < 0.97 THEN l.money * 2
                ELSE -l.money END,
           CASE WHEN l.kind < 0.60 THEN l.hours ELSE 0 END,
           l.account_id, %(company)s, %(currency)s,
           CASE WHEN l.kind < 0.60 THEN l.project_id END,
           CASE WHEN l.kind < 0.60 THEN l.task_id END,
           CASE WHEN l.kind < 0.60 THEN l.employee_id END,
           CASE WHEN l.kind < 0.60 THEN e.user_id END,
           CASE WHEN l.kind < 0.60 THEN NULL
                WHEN l.kind < 0.82
                    THEN (%(expense)s::int[])[1 + l.l %% cardinality(%(expense)s::int[])]
                WHEN l.kind < 0.97
                    THEN (%(income)s::int[])[1 + l.l %% cardinality(%(income)s::int[])]
                ELSE (%(balance)s::int[])[1 + l.l %% cardinality(%(balance)s::int[])] END,
           'other', %(uid)s, %(uid)s, now(), now()
      FROM bench_line l JOIN hr_employee e ON e.id = l.employee_id
    """,
    # contracts: one per project (80%% signed or later), and 1%% without a project
    """
    INSERT INTO ps_contract (name, title, partner_id, company_id, currency_id, user_id, state,
                             project_id, active, version, date_signed, date_start, date_end,
                             amount_untaxed, amount_tax, amount_total, amount_invoiced,
                             amount_collected, amount_outstanding, amount_to_invoice,
                             ps_amount_untaxed_company,
                             create_uid, write_uid, create_date, write_date)
    SELECT 'BENCH/' || c.k, 'Bench contract ' || c.k, c.partner_id, %(company)s,
           %(currency)s, c.user_id, c.state, c.project_id, TRUE, 1,
           CASE WHEN c.state <> 'draft' THEN c.date_start END, c.date_start,
           c.date_start + 365, c.untaxed, round(c.untaxed * 0.06, 2),
           c.untaxed + round(c.untaxed * 0.06, 2), c.invoiced, c.collected,
           c.invoiced - c.collected, c.untaxed + round(c.untaxed * 0.06, 2) - c.invoiced,
           c.untaxed, %(uid)s, %(uid)s, now(), now()
      FROM (
        SELECT s.*, round(s.invoiced * s.paid, 2) AS collected
          FROM (
            SELECT bp.k, bp.partner_id, bp.user_id, bp.date_start,
                   CASE WHEN bp.k <= %(n)s THEN bp.id END AS project_id,
                   (ARRAY['draft', 'signed', 'execution', 'execution', 'closed'])
                       [1 + (bp.k * 11) %% 5] AS state,
                   round((20000 + random() * 300000)::numeric, 2) AS untaxed,
                   round((random() * 150000)::numeric, 2) AS invoiced,
                   random()::numeric AS paid
              FROM (SELECT * FROM bench_project
                    UNION ALL
                    SELECT k + %(n)s, NULL, account_id, alias_id, active, user_id, partner_id,
                           type_id, phase, date_start, days, baselined, progress, slip, lines,
                           budgeted
                      FROM bench_project WHERE k %% 100 = 0) bp
          ) s
      ) c
    """,
    # budgets: 70%% of projects have an approved version of three lines
    """
    CREATE TEMP TABLE bench_budget ON COMMIT DROP AS
    SELECT nextval('ps_project_budget_id_seq') AS id, bp.id AS project_id, bp.k, bp.user_id,
           bp.type_id, bp.date_start, round((30000 + random() * 200000)::numeric, 2) AS revenue
      FROM bench_project bp WHERE bp.budgeted
    """,
    """
    INSERT INTO ps_project_budget (id, name, project_id, project_type_id, user_id, company_id,
                                   version, state, revenue_amount, date_approved, amount_total,
                                   create_uid, write_uid, create_date, write_date)
    SELECT id, 'Budget ' || k, project_id, type_id, user_id, %(company)s, 1, 'approved',
           revenue, date_start + 5, 0, %(uid)s, %(uid)s, now(), now()
      FROM bench_budget
    """,
    """
    INSERT INTO ps_project_budget_line (budget_id, project_id, category_id, phase, amount,
                                        create_uid, write_uid, create_date, write_date)
    SELECT b.id, b.project_id,
           (%(categories)s::int[])[1 + (b.k + c) %% cardinality(%(categories)s::int[])],
           'execution', round((5000 + random() * 60000)::numeric, 2),
           %(uid)s, %(uid)s, now(), now()
      FROM bench_budget b CROSS JOIN generate_series(1, 3) c
    """,
    """
    UPDATE ps_project_budget b SET amount_total = s.total
      FROM (SELECT budget_id, SUM(amount) AS total FROM ps_project_budget_line
             WHERE budget_id IN (SELECT id FROM bench_budget) GROUP BY budget_id) s
     WHERE s.budget_id = b.id
    """,
    # committed: draft expense claims on 8%% of projects, payment requests on 4%%
    """
    INSERT INTO hr_expense (name, employee_id, company_id, currency_id, payment_mode, quantity,
                            price_unit, total_amount, total_amount_currency, tax_amount,
                            tax_amount_currency, untaxed_amount_currency, state, date,
                            ps_project_id, ps_cost_category_id, create_uid, write_uid,
                            create_date, write_date)
    SELECT 'Bench claim ' || bp.k, (%(employees)s::int[])[1], %(company)s, %(currency)s,
           'own_account', 1, x.amount, x.amount, x.amount, 0, 0, x.amount, 'draft',
           bp.date_start + 10, bp.id, (%(categories)s::int[])[1], %(uid)s, %(uid)s, now(), now()
      FROM bench_project bp
      CROSS JOIN LATERAL (SELECT round((20 + random() * 2000)::numeric, 2) AS amount) x
     WHERE bp.k %% 12 = 0
    """,
    """
    INSERT INTO ps_payment_request (name, project_id, user_id, partner_id, company_id,
                                    category_id, state, date, description, amount,
                                    create_uid, write_uid, create_date, write_date)
    SELECT 'BENCH/PR/' || bp.k, bp.id, bp.user_id, bp.partner_id, %(company)s,
           (%(categories)s::int[])[1], 'submitted', bp.date_start + 20, 'Bench request',
           round((100 + random() * 20000)::numeric, 2), %(uid)s, %(uid)s, now(), now()
      FROM bench_project bp WHERE bp.k %% 25 = 0
    """,
    # the projects' stored roll-ups, as the suite computes them
    """
    UPDATE project_project p
       SET ps_planned_hours = t.planned,
           ps_spent_hours = COALESCE(s.spent, 0),
           ps_hours_burn = CASE WHEN t.planned > 0 THEN COALESCE(s.spent, 0) / t.planned * 100
                                ELSE 0 END
      FROM bench_project bp
      JOIN (SELECT project_id, SUM(hours) AS planned FROM bench_task GROUP BY project_id) t
        ON t.project_id = bp.id
      LEFT JOIN (SELECT project_id, SUM(unit_amount) AS spent FROM account_analytic_line
                  WHERE project_id IN (SELECT id FROM bench_project) GROUP BY project_id) s
        ON s.project_id = bp.id
     WHERE p.id = bp.id
    """,
]
