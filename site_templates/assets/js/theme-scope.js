// Material for MkDocs' scope for what it keeps in local storage (the colour palette chosen), the
// code of the theme's partials/javascripts/base.html, moved out of an inline script so that the
// content security policy can refuse inline scripts. The page gives the scope, its base address,
// in the script element's data-md-scope. tests/test_content_security_policy.py checks that this
// is still the installed theme's code.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
