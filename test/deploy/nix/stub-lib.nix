# A stand-in for the few parts of nixpkgs' `lib` that nix/module.nix uses, with a small
# interpreter for option declarations (`_eval`), so that the module can be evaluated on a
# machine without nixpkgs (there is no network here). What this does not cover — priorities,
# type merging of several definitions, the NixOS systemd module itself — is listed in
# docs/deploy.md. A lib function the module uses but this file lacks fails the test loudly.
let
  inherit (builtins) attrNames concatLists elem filter foldl' head isAttrs isBool isFunction isList isString mapAttrs toJSON;

  fail = loc: what: v: throw "The option `${loc}' is not ${what}: ${toJSON v}";
  simple = name: check: {
    _type = "option-type";
    inherit name;
    evalValue = loc: _name: v: if check v then v else fail loc name v;
  };
  isOption = v: isAttrs v && (v._type or null) == "option";

  lib = rec {
    mkOption = args: { _type = "option"; } // args;
    mkEnableOption = what: mkOption { type = types.bool; default = false; description = "Whether to enable ${what}."; };
    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkMerge = contents: { _type = "merge"; inherit contents; };
    mkDefault = content: { _type = "override"; priority = 1000; inherit content; };
    literalExpression = text: { _type = "literalExpression"; inherit text; };

    inherit mapAttrs;
    inherit (builtins) any attrValues;
    mapAttrsToList = f: attrs: map (n: f n attrs.${n}) (attrNames attrs);
    optional = cond: x: if cond then [ x ] else [ ];

    types = {
      bool = simple "a boolean" isBool;
      str = simple "a string" isString;
      package = simple "a package" (v: isAttrs v && v ? outPath);
      enum = values: simple "one of ${toJSON values}" (v: elem v values);
      nullOr = t: {
        _type = "option-type";
        name = "null or ${t.name}";
        evalValue = loc: name: v: if v == null then null else t.evalValue loc name v;
      };
      listOf = t: {
        _type = "option-type";
        name = "list of ${t.name}";
        evalValue = loc: name: v: if isList v then map (t.evalValue "${loc}.*" name) v else fail loc "a list" v;
      };
      attrsOf = t: {
        _type = "option-type";
        name = "attribute set of ${t.name}";
        elemType = t;
        evalValue = loc: _name: v: if isAttrs v then mapAttrs (n: t.evalValue "${loc}.${n}" n) v else fail loc "an attribute set" v;
      };
      # Options-only submodules (a function of { name, lib, ... } or a set with `options`).
      submodule = m: {
        _type = "option-type";
        name = "submodule";
        module = m;
        evalValue = loc: name: v:
          if !isAttrs v then fail loc "an attribute set" v
          else
            let mod = if isFunction m then m { inherit name lib; } else m;
            in if mod ? config then throw "stub-lib: submodules with a config section are not supported (${loc})"
            else evalOptions loc mod.options v;
      };
    };
  };

  # Definitions checked against declarations, defaults filled in; an undeclared option or a
  # value of the wrong type is an error, as in the real module system.
  evalOptions = loc: opts: defs:
    let
      undeclared = filter (n: !(opts ? ${n})) (attrNames defs);
      at = n: if loc == "" then n else "${loc}.${n}";
    in
    if undeclared != [ ] then throw "The option `${at (head undeclared)}' does not exist."
    else mapAttrs (n: o:
      if isOption o then
        (if defs ? ${n} then o.type.evalValue (at n) n (resolve defs.${n})
         else if o ? default then o.type.evalValue (at n) n o.default
         else throw "The option `${at n}' is used but not defined.")
      else evalOptions (at n) o (defs.${n} or { })) opts;

  # Every declared option path, `<name>` standing for attribute names of submodule sets.
  moduleOptions = m: (if isFunction m then m { name = "<name>"; inherit lib; } else m).options;
  optionPaths = loc: opts: concatLists (map (n:
    let
      o = opts.${n};
      p = if loc == "" then n else "${loc}.${n}";
      sub = o.type.elemType.module or null;
    in
    if isOption o then [ p ] ++ (if sub != null then optionPaths "${p}.<name>" (moduleOptions sub) else [ ])
    else optionPaths p o) (attrNames opts));

  # mkIf / mkMerge / mkDefault in a module's `config`, resolved into plain values.
  absent = { _type = "absent"; };
  present = v: !(isAttrs v && (v._type or null) == "absent");
  plainSet = v: isAttrs v && !(v ? _type) && !(v ? outPath);
  resolve = v:
    let t = if isAttrs v then v._type or null else null; in
    if t == "if" then (if v.condition then resolve v.content else absent)
    else if t == "merge" then foldl' merge { } (filter present (map resolve v.contents))
    else if t == "override" then resolve v.content
    else if plainSet v then
      let r = mapAttrs (_: resolve) v; in builtins.removeAttrs r (filter (n: !(present r.${n})) (attrNames r))
    else v;
  merge = a: b:
    foldl' (acc: n:
      acc // {
        ${n} =
          if !(acc ? ${n}) then b.${n}
          else if plainSet acc.${n} && plainSet b.${n} then merge acc.${n} b.${n}
          else if isList acc.${n} && isList b.${n} then acc.${n} ++ b.${n}
          else if acc.${n} == b.${n} then b.${n}
          else throw "conflicting definitions of `${n}'";
      }) a (attrNames b);
in
lib // {
  _eval = { inherit evalOptions resolve merge; listOptions = optionPaths; };
}
