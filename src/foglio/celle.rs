//! Reading workbooks as a person typed them.
