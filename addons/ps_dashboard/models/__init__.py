from . import ps_cockpit
