from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPsCostCategory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = new_test_user(cls.env, login="ps_member", groups="project.group_project_user")
        cls.finance = new_test_user(
            cls.env, login="ps_finance", groups="base.group_user,ps_contract.group_ps_finance"
        )
        cls.travel = cls.env["ps.cost.category"].create({"name": "Travel", "code": "TRV-T"})

    def test_finance_configures_categories(self):
        """Finance creates, renames and archives cost categories."""
        category = (
            self.env["ps.cost.category"]
            .with_user(self.finance)
            .create({"name": "Materials", "code": "MAT-T"})
        )
        category.write({"name": "Materials and supplies", "active": False})
        self.assertFalse(category.active)

    def test_member_reads_but_cannot_configure(self):
        """Project members read the categories (to file costs) but may not change them."""
        self.assertEqual(self.travel.with_user(self.member).name, "Travel")
        with self.assertRaises(AccessError):
            self.travel.with_user(self.member).write({"name": "Trips"})
        with self.assertRaises(AccessError):
            self.env["ps.cost.category"].with_user(self.member).create(
                {"name": "Mine", "code": "MINE"}
            )
