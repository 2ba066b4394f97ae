import sys
from pathlib import Path

# Let tests import `helpers` from this folder.
sys.path.insert(0, str(Path(__file__).parent))
