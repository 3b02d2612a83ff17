from odoo import Command
from odoo.tests import TransactionCase, new_test_user

TIER_MODELS = [
    "ps.project.gate",
    "ps.contract",
    "ps.contract.amendment",
    "ps.invoice.request",
    "ps.project.budget",
    "ps.payment.request",
    "hr.expense.sheet",
]


class PsDashboardCase(TransactionCase):
    """Users of every role and helpers to build projects with signed contracts
    and confirmed collections (own data: no reliance on demo records)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        # The database's approval chains (demo) must not change what is tested:
        # without them, the owning role of each decision decides it (never the
        # requester): the sales director, the PMO or finance below.
        cls.env["tier.definition"].search([("model", "in", TIER_MODELS)]).active = False
        cls.director = new_test_user(
            cls.env, login="ps_db_director", groups="base.group_user,sales_team.group_sale_manager"
        )
        cls.pmo = new_test_user(
            cls.env, login="ps_db_pmo", groups="base.group_user,project.group_project_manager"
        )
        cls.ceo = new_test_user(
            cls.env, login="ps_db_ceo", groups="base.group_user,ps_dashboard.group_ps_executive"
        )
        pm_groups = "base.group_user,ps_project_wbs.group_ps_project_manager"
        cls.pm = new_test_user(cls.env, login="ps_db_pm", groups=pm_groups)
        cls.other_pm = new_test_user(cls.env, login="ps_db_pm2", groups=pm_groups)
        cls.finance = new_test_user(
            cls.env, login="ps_db_finance", groups="base.group_user,ps_contract.group_ps_finance"
        )
        cls.salesman = new_test_user(
            cls.env, login="ps_db_salesman", groups="base.group_user,sales_team.group_sale_salesman"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Cockpit Client", "is_company": True})
        cls.service = cls.env["product.product"].create(
            {
                "name": "Cockpit advisory day",
                "type": "service",
                "list_price": 1000.0,
                "taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _project(cls, name, user=None, **vals):
        return (
            cls.env["project.project"]
            .with_context(tracking_disable=True)
            .create(
                {"name": name, "user_id": (user or cls.pm).id, "allow_timesheets": False, **vals}
            )
        )

    @classmethod
    def _signed_contract(cls, project, days=10):
        """A signed contract of ``days`` x 1,000 delivered by ``project``."""
        contract = (
            cls.env["ps.contract"]
            .with_user(cls.salesman)
            .create(
                {
                    "title": f"Contract of {project.name}",
                    "partner_id": cls.customer.id,
                    "project_id": project.id,
                    "line_ids": [Command.create({"product_id": cls.service.id, "quantity": days})],
                    "milestone_ids": [
                        Command.create(
                            {
                                "name": "Single instalment",
                                "percentage": 100,
                                "date_due": "2026-01-31",
                            }
                        )
                    ],
                }
            )
        )
        contract.action_submit_review()
        contract.with_user(cls.director).validate_tier()
        contract.action_sign()
        return contract.sudo(False).with_user(cls.env.user)

    @classmethod
    def _invoice(cls, contract):
        """Finance issues the contract's invoice for its single instalment (once)."""
        if contract.sudo().invoice_request_ids.filtered(lambda r: r.state == "issued"):
            return
        request = (
            cls.env["ps.invoice.request"]
            .with_user(cls.salesman)
            .create(
                {
                    "contract_id": contract.id,
                    "milestone_id": contract.milestone_ids[0].id,
                    "date_invoice": contract.milestone_ids[0].date_due,
                }
            )
        )
        request.action_submit()
        request.with_user(cls.finance).action_approve()
        request.with_user(cls.finance).action_issue()

    @classmethod
    def _collection(cls, contract, amount, confirm=True, date="2026-01-20"):
        """A collection of ``amount`` on the contract's invoice (issued first:
        a collection pays an invoice in Accounting)."""
        cls._invoice(contract)
        collection = (
            cls.env["ps.contract.collection"]
            .with_user(cls.salesman)
            .create(
                {
                    "contract_id": contract.id,
                    "milestone_id": contract.milestone_ids[0].id,
                    "amount": amount,
                    "date": date,
                }
            )
        )
        if confirm:
            collection.with_user(cls.finance).action_confirm()
        return collection.with_user(cls.env.user)
