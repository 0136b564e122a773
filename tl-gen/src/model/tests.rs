//! Unit tests of the model passes.

use super::*;
use crate::load::load;
use layout::Layout;

fn model(text: &str) -> Schema {
    let loaded = load("t.tl", text).unwrap_or_else(|e| panic!("{e:?}"));
    build(&loaded).unwrap_or_else(|e| panic!("{e}"))
}

fn errors(text: &str) -> Vec<String> {
    let loaded = load("t.tl", text).unwrap_or_else(|e| panic!("{e:?}"));
    match build(&loaded) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.diagnostics.iter().map(|d| d.message.clone()).collect(),
    }
}

#[test]
fn shared_flag_bits_become_one_field() {
    let schema = model(
        "a#1 flags:# x:flags.0?true v:flags.1?int w:flags.1?long u:flags.1?true t:flags.2?int s:flags.2?true = A;",
    );
    let a = &schema.constructors[0];
    assert_eq!(
        a.fields,
        vec![
            Field::Bit { param: 1 },
            Field::Group {
                bit: FlagBit { word: 0, bit: 1 },
                members: vec![
                    GroupMember {
                        param: 2,
                        boxed: false
                    },
                    GroupMember {
                        param: 3,
                        boxed: false
                    }
                ]
            },
            Field::Optional {
                param: 5,
                boxed: false
            },
        ]
    );
    assert_eq!(
        a.derived_bits,
        vec![
            DerivedBit { param: 4, field: 1 },
            DerivedBit { param: 6, field: 2 }
        ]
    );
}

#[test]
fn true_flag_before_its_value_is_derived() {
    let schema = model("a#1 flags:# has:flags.0?true v:flags.0?int = A;");
    let a = &schema.constructors[0];
    assert_eq!(
        a.fields,
        vec![Field::Optional {
            param: 2,
            boxed: false
        }]
    );
    assert_eq!(a.derived_bits, vec![DerivedBit { param: 1, field: 0 }]);
}

#[test]
fn recursion_is_boxed_only_where_needed() {
    let schema = model(
        "textPlain#1 text:string = RichText;\ntextBold#2 text:RichText = RichText;\ntextList#3 items:Vector<RichText> = RichText;\npage#4 title:RichText = Page;",
    );
    let boxed: Vec<bool> = schema
        .constructors
        .iter()
        .flat_map(|c| c.fields.iter())
        .map(|f| matches!(f, Field::Required { boxed: true, .. }))
        .collect();
    assert_eq!(boxed, [false, true, false, false]);
}

#[test]
fn large_constructors_are_boxed_in_their_variant() {
    // big: 4 strings (96 bytes) > LARGE_VARIANT_BYTES; small: 8 bytes;
    // holder holds the enum, which stays small because `big` is boxed.
    let schema = model(
        "big#1 a:string b:string c:string d:string = Thing;\nsmall#2 x:int y:int = Thing;\nnothing#3 = Thing;\nholder#4 t:Thing u:Thing = Holder;",
    );
    let boxed: Vec<bool> = schema
        .constructors
        .iter()
        .map(|c| c.boxed_variant)
        .collect();
    assert_eq!(boxed, [true, false, false, false]);
    let mut layout = Layout::new(&schema);
    let thing = schema.boxed_position(&QualName::new(&[], "Thing")).unwrap();
    assert_eq!(
        layout.boxed_size(thing),
        16,
        "tag + the 8-byte payload of small"
    );
    assert_eq!(layout.struct_size(3), 32, "two 16-byte enums");
}

#[test]
fn references_resolve() {
    let schema = model(
        "foo#1 = ns.Foo;\nbar#2 a:ns.Foo b:foo c:vector<foo> d:Vector<int> = Bar;\n---functions---\ninvoke#3 {X:Type} q:!X = X;",
    );
    let bar = &schema.constructors[1];
    let types: Vec<String> = (0..4)
        .map(|i| bar.value_type(i).unwrap().to_string())
        .collect();
    assert_eq!(types, ["ns.Foo", "foo", "vector<foo>", "Vector<int>"]);
    assert!(matches!(bar.value_type(1), Some(TypeRef::Bare(_))));
    assert_eq!(schema.functions[0].result, TypeRef::Generic("X".into()));
}

#[test]
fn bad_definitions_are_all_reported() {
    let messages = errors(
        "a#1 x:Missing = A;\na#2 = A;\nb#1 = B;\nc#3 flags:# x:flags.40?int = C;\nd#4 x:int x:long = D;\ne#5 {X:Type} q:!X = X;",
    );
    assert_eq!(messages.len(), 6, "{messages:#?}");
    assert!(messages[0].contains("unknown type `Missing`"));
    assert!(messages[1].contains("defined twice"));
    assert!(messages[2].contains("already used"));
    assert!(messages[3].contains("out of range"));
    assert!(messages[4].contains("defined twice"));
    assert!(messages[5].contains("only supported on functions"));
}

#[test]
fn result_types_must_be_identifiers() {
    for text in [
        "e=E o;",
        "e#1 = E#2;",
        "e = E:x;",
        "e = E?;",
        "e#1 = E = F;",
        "e#1 = a b.E;",
        "e = 1.E;",
    ] {
        let Ok(loaded) = load("t.tl", text) else {
            continue;
        };
        assert!(build(&loaded).is_err(), "{text} was accepted");
    }
}

#[test]
fn missing_flags_field_is_reported_with_its_line() {
    let loaded = load("t.tl", "ok#1 = A;\nbad#2 x:flags.0?int = A;").unwrap_err();
    assert_eq!(loaded[0].span.line, 2);
    assert!(loaded[0].message.contains("not defined before"));
}
