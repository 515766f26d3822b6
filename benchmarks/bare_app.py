"""The cold-start reference: a bare Streamlit page that only imports torch."""

import streamlit as st
import torch

st.title(f"torch {torch.__version__}")
