"""A tiny site that links into the Service Guide through intersphinx, as other sites do.

The test points it at a built copy of the guide on disk: SERVICE_GUIDE_HTML names the folder
that holds ``objects.inv``. Nothing is fetched from the network.
"""

import os

project = "Consumer"
extensions = ["myst_parser", "sphinx.ext.intersphinx"]
exclude_patterns = ["_build"]
nitpicky = True

_guide = os.environ["SERVICE_GUIDE_HTML"]
intersphinx_mapping = {"svc": (_guide, os.path.join(_guide, "objects.inv"))}
# Links to the guide must say so explicitly (external+svc:...), never fall back silently.
intersphinx_disabled_reftypes = ["*"]
intersphinx_timeout = 1
